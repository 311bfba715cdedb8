namespace MlOps.Core.Synthetic;

/// <summary>How generated traffic departs from the training regime.</summary>
public enum DriftScenario
{
    /// <summary>The training regime.</summary>
    None,

    /// <summary>Riders switch from cards to cash: the payment-type mix shifts (feature drift).</summary>
    PaymentShift,

    /// <summary>
    /// A surge of airport trips (longer distances and durations, airport zones), paid through a new
    /// in-app flow whose tip prompt makes airport riders tip well: feature drift plus a change in
    /// behaviour where the old model has seen little data.
    /// </summary>
    AirportSurge,

    /// <summary>Same trips, different tipping: card riders now tip by distance, not by hour (concept drift).</summary>
    TippingChange,
}
