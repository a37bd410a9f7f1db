/// What a `DatagramWire` made of one datagram.
enum DatagramClassification<Reply> {
    /// Decoded and authenticated; the handler checks it for duplicates and batches it.
    case accepted(DecodedDatagram<Reply>)
    /// No reply; counted under `reason` (a label of the listener's refusal metric).
    case refused(reason: String)
    /// No reply, counted under `reason`; the sender's IMEI is also noted for
    /// `mgisctl device unknown`, so an operator can register a tracker that is already sending.
    case unregistered(reason: String, imei: String)
}
