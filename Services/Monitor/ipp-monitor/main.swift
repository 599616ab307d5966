// The ipp-monitor executable: the shared service runtime running MonitorService.
import IPPMonitor
import ServiceRuntime

await ServiceMain.run(MonitorService.definition)
