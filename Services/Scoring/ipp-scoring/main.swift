// The ipp-scoring executable: the shared service runtime running ScoringService.
import IPPScoring
import ServiceRuntime

await ServiceMain.run(ScoringService.definition)
