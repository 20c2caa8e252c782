namespace Touchpoint.Features.Languages;

/// <summary>
/// The resources (<c>AgentTexts.resx</c>, English, and <c>AgentTexts.sv.resx</c>) of what staff read in the agent UI,
/// in the language each user chose (<see cref="Identity.StaffLanguage"/>). Pages write <c>@T["Key"]</c>; every key
/// must exist in both files with the same placeholders.
/// </summary>
public sealed class AgentTexts;
