// This project's RPC runtime answering ipp.Bench/Score on the port given, for rpc-h2load.sh.
import BenchMessages
import Logging
import RPC
import RPCCore

var router = RPCRouter()
router.register(Bench.score, access: .open, execution: .eventLoop) { request, _ in Bench.answer(request) }
var configuration = RPCServer.Configuration()
configuration.port = Int(CommandLine.arguments[1])!
configuration.maxConcurrentStreams = 128
var logger = Logger(label: "rpc-bench")
logger.logLevel = .error
let server = RPCServer(
  configuration: configuration,
  router: router,
  authenticator: Authenticator(),
  logger: logger
)
try await server.start()
try await Task.sleep(for: .seconds(86_400))
