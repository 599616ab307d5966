public import RPCCore

extension InvalidRegionCode: RPCErrorConvertible {
  public var rpcError: RPCError { RPCError(code: .invalidArgument, message: message) }
}

extension InvalidElectionID: RPCErrorConvertible {
  public var rpcError: RPCError { RPCError(code: .invalidArgument, message: message) }
}

extension RPCContext {
  /// Throws PERMISSION_DENIED unless the caller may act on `region`: a caller with no scope may
  /// act anywhere, a province's on the province and its kab/kota, a kab/kota's on itself.
  public func requireAccess(to region: RegionCode) throws(RPCError) {
    try requireAccess(toRegion: region.rawValue)
  }
}

extension InvalidZonedTime: RPCErrorConvertible {
  public var rpcError: RPCError { RPCError(code: .invalidArgument, message: message) }
}
