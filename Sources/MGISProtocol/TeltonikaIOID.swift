/// The FMB AVL ids (Teltonika wiki, "FMB AVL ID" list) that MGIS maps onto a `Fix`.
///
/// Ids are model- and configuration-dependent; these are the FMB family's defaults.
public enum TeltonikaIOID {
    /// External voltage in mV, 2 bytes.
    public static let externalVoltage: UInt16 = 66
    /// GNSS status: 0 off, 1 on with fix, 2 on without fix, 3 sleep.
    public static let gnssStatus: UInt16 = 69
    /// Battery level in percent, 1 byte.
    public static let batteryLevel: UInt16 = 113
    /// GNSS HDOP x 10 (multiplier 0.1), 2 bytes.
    public static let gnssHDOP: UInt16 = 182
    /// Alarm event: 1 when the alarm (panic) input fired.
    public static let alarm: UInt16 = 236
    /// Ignition: 0 off, 1 on.
    public static let ignition: UInt16 = 239
    /// Movement: 0 off, 1 on.
    public static let movement: UInt16 = 240
    /// Unplug: 1 when the tracker was disconnected from its power.
    public static let unplug: UInt16 = 252
}
