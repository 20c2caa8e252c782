using Touchpoint.Domain.Interactions;

namespace Touchpoint.Domain.Promises;

/// <summary>
/// How the customer was told that a promise is called off. A promise cannot be withdrawn silently: the
/// customer is waiting for it, and a promise that quietly disappears is a broken one with the evidence removed.
/// </summary>
/// <param name="ToldVia">The channel the customer was told through.</param>
/// <param name="ToldAt">When the customer was told (UTC); no later than the due time.</param>
/// <param name="ToldText">What the customer was told, in the words used.</param>
/// <param name="WithdrawnByUserId">Who called the promise off.</param>
public sealed record PromiseWithdrawal(InteractionChannel ToldVia, DateTime ToldAt, string ToldText, string WithdrawnByUserId);
