// libnghttp2 for Swift (Debian's libnghttp2-dev 1.52: the ssize_t API, not the *2 functions of 1.60+).
#ifndef IPP_CNGHTTP2_SHIM_H
#define IPP_CNGHTTP2_SHIM_H

#include <nghttp2/nghttp2.h>

/// NGHTTP2_PROTO_VERSION_ID and friends are macros Swift cannot import; the flags it needs are enums.
static inline int ipp_nghttp2_is_fatal(int error) { return nghttp2_is_fatal(error); }

#endif
