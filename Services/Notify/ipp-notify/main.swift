// The ipp-notify executable: the shared service runtime running NotifyService.
import IPPNotify
import ServiceRuntime

await ServiceMain.run(NotifyService.definition)
