// The ipp-intake executable: the shared service runtime running IntakeService.
import IPPIntake
import ServiceRuntime

await ServiceMain.run(IntakeService.definition)
