// libnghttp2 for Swift (Debian's libnghttp2-dev 1.52: the ssize_t API, not the *2 functions of 1.60+).
#ifndef IPP_CNGHTTP2_SHIM_H
#define IPP_CNGHTTP2_SHIM_H

#include <nghttp2/nghttp2.h>

// Everything the RPC runtime uses is a function or an enum Swift imports directly; shims for
// macros go here when one is needed.

#endif
