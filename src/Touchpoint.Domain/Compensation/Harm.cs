using Touchpoint.Domain.Promises;

namespace Touchpoint.Domain.Compensation;

/// <summary>
/// Something that went wrong for the customer, from which compensation is proposed. Harms describe what
/// happened and for how long, never who the customer is: compensation is the same for every segment (S0-7).
/// </summary>
public abstract record Harm;

/// <param name="MonthlyPrice">The affected subscription's monthly price, in the customer's currency.</param>
public sealed record DaysWithoutService(int Days, Money MonthlyPrice) : Harm;

public sealed record MissedTechnicianAppointment : Harm;

/// <param name="Kind">What was promised; named in the proposal so the customer sees what it is for.</param>
public sealed record BrokenPromise(PromiseKind Kind) : Harm;

/// <param name="Days">Days the number port was late (EU-106-5).</param>
public sealed record PortingDelay(int Days) : Harm;
