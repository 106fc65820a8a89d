internal import CCurlShims
internal import CLibCurl

/// The body of the transport's dedicated thread: it alone drives the multi handle and every easy
/// handle. Each turn it applies queued commands, lets libcurl make progress
/// (`curl_multi_perform`), delivers finished transfers (`curl_multi_info_read`), and then blocks
/// in `curl_multi_poll` until a socket is ready, a libcurl timer is due, or `curl_multi_wakeup`.
final class MultiLoop {
    private let core: TransportCore
    private var byID: [UInt64: Transfer] = [:]
    private var byHandle: [UnsafeMutableRawPointer: Transfer] = [:]

    /// The longest `curl_multi_poll` wait; libcurl shortens it to its own next timeout.
    private static let pollMilliseconds: Int32 = 1000

    init(core: TransportCore) {
        self.core = core
    }

    private var multi: UnsafeMutableRawPointer { core.multi.raw }

    /// Runs until shutdown is requested, then fails what is pending, frees all handles and returns.
    func run() {
        var running: Int32 = 0
        while true {
            let (commands, stopping) = core.takeCommands()
            if stopping {
                for command in commands { reject(command) }
                break
            }
            for command in commands { apply(command) }
            _ = curl_multi_perform(multi, &running)
            collectFinished()
            _ = curl_multi_poll(multi, nil, 0, Self.pollMilliseconds, nil)
        }
        for transfer in Array(byID.values) { remove(transfer, abort: "transport shut down") }
        for command in core.beginClosing() { reject(command) }
        _ = curl_multi_cleanup(multi)
        core.finishClosing()
    }

    private func apply(_ command: Command) {
        switch command {
        case .add(let transfer):
            start(transfer)
        case .cancel(let id):
            if let transfer = byID[id] { remove(transfer, abort: "request cancelled") }
        case .resume(let id):
            // May call the write callback right away with the bytes libcurl held while paused.
            if let transfer = byID[id], let easy = transfer.easy { _ = stk_easy_unpause(easy) }
        }
    }

    private func reject(_ command: Command) {
        if case .add(let transfer) = command { transfer.abort("transport shut down") }
    }

    private func start(_ transfer: Transfer) {
        if transfer.control.isCancelled {
            transfer.abort("request cancelled")
            return
        }
        if let error = transfer.makeHandle(configuration: core.configuration) {
            transfer.fail(error)
            transfer.releaseHandle()
            return
        }
        guard let easy = transfer.easy else { return }
        let code = curl_multi_add_handle(multi, easy)
        guard code == CURLM_OK else {
            transfer.fail(TransportError(
                kind: .other, curlCode: Int(code.rawValue),
                message: "curl_multi_add_handle: \(String(cString: curl_multi_strerror(code)))",
                method: transfer.request.method.rawValue, url: transfer.request.url))
            transfer.releaseHandle()
            return
        }
        byID[transfer.id] = transfer
        byHandle[easy] = transfer
    }

    private func collectFinished() {
        var remaining: Int32 = 0
        while let message = curl_multi_info_read(multi, &remaining) {
            guard message.pointee.msg == CURLMSG_DONE, let easy = message.pointee.easy_handle,
                  let transfer = byHandle[easy] else { continue }
            let code = stk_multi_msg_result(message)
            detach(transfer, easy: easy)
            transfer.complete(code: code)
            transfer.releaseHandle()
        }
    }

    /// Takes a running transfer out of the multi handle (closing its stream or connection if it
    /// was mid-flight), fails it as aborted, and frees its handle.
    private func remove(_ transfer: Transfer, abort reason: String) {
        if let easy = transfer.easy { detach(transfer, easy: easy) }
        transfer.abort(reason)
        transfer.releaseHandle()
    }

    private func detach(_ transfer: Transfer, easy: UnsafeMutableRawPointer) {
        _ = curl_multi_remove_handle(multi, easy)
        byID[transfer.id] = nil
        byHandle[easy] = nil
    }
}
