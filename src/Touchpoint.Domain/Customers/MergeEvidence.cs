using Touchpoint.Domain.Customers.NationalIds;

namespace Touchpoint.Domain.Customers;

/// <summary>One way a record is known by, as stored (canonical value).</summary>
public sealed record RecordIdentity(IdentityKind Kind, string Value);

/// <summary>What a customer record says about who it is: the facts a merge is judged on.</summary>
/// <param name="NameKey">The name's search key (<see cref="CustomerNames.SearchKey"/>), so spelling and accents do not matter.</param>
public sealed record MergeParty(string NameKey, Jurisdiction Jurisdiction, IReadOnlyCollection<RecordIdentity> Identities)
{
    public IEnumerable<DateOnly> BirthDates =>
        Identities.Where(i => i.Kind == IdentityKind.NationalId).Select(i => NationalIdBirthDates.Of(i.Value)).OfType<DateOnly>();

    public IEnumerable<RecordIdentity> NationalIds => Identities.Where(i => i.Kind == IdentityKind.NationalId);
}

public enum MergeVerdict
{
    /// <summary>The records plausibly are one person: any member of staff may merge them.</summary>
    OnePerson,

    /// <summary>Nothing shows they are one person: a team lead or admin decides, with a reason.</summary>
    Unproven,

    /// <summary>Not to be merged by anyone: records under two jurisdictions of a person who did not move.</summary>
    Refused,
}

/// <summary>
/// The verdict and why: <see cref="Evidence"/> says what the records share or lack, in words that name kinds of facts,
/// never their values, so it can go into the audit log as it is.
/// </summary>
public sealed record MergeAssessment(MergeVerdict Verdict, IReadOnlyList<string> Evidence)
{
    public string Summary => string.Join("; ", Evidence);
}

/// <summary>
/// Whether two customer records plausibly are one person (issue 26). They are when they share an identity, or when they
/// carry the same name and the same birth date (read from their national ids: customers have no birth date field).
/// Anything less is for a team lead to decide. Two different national ids of one country are two people as far as the
/// records show. Records under different jurisdictions are one person only if the person moved: the caller says so
/// (<c>moved</c>), and the record kept is the one under the jurisdiction the person lives in now.
/// </summary>
public static class MergeEvidence
{
    public static MergeAssessment Assess(MergeParty kept, MergeParty merged, bool moved)
    {
        ArgumentNullException.ThrowIfNull(kept);
        ArgumentNullException.ThrowIfNull(merged);
        var evidence = new List<string>();
        if (kept.Jurisdiction != merged.Jurisdiction)
        {
            var move = $"{merged.Jurisdiction.ToWireName()} → {kept.Jurisdiction.ToWireName()}";
            if (!moved)
            {
                return new(MergeVerdict.Refused,
                    [$"the records are under different jurisdictions ({move}), and a person who did not move is two customers under two laws"]);
            }

            evidence.Add($"the person moved ({move})");
        }

        var shared = kept.Identities.Intersect(merged.Identities).Select(i => i.Kind.ToWireName()).Distinct().ToList();
        if (shared.Count > 0)
        {
            evidence.Add($"both records hold the same {string.Join(" and ", shared)}");
            return new(MergeVerdict.OnePerson, evidence);
        }

        var sameName = kept.NameKey == merged.NameKey;
        var sameBirthDate = kept.BirthDates.Intersect(merged.BirthDates).Any();
        var twoNationalIdsOfOneCountry = kept.NationalIds.Any(k => merged.NationalIds.Any(m => Country(k) == Country(m)));
        if (twoNationalIdsOfOneCountry)
        {
            evidence.Add("the records hold different national ids of the same country, which are two people's");
            return new(MergeVerdict.Unproven, evidence);
        }

        if (sameName && sameBirthDate)
        {
            evidence.Add("the same name and the same birth date in their national ids");
            return new(MergeVerdict.OnePerson, evidence);
        }

        evidence.Add((sameName, sameBirthDate) switch
        {
            (true, false) => "the same name, but no national id on both to show the same birth date",
            (false, true) => "the same birth date, but different names",
            _ => "no shared identity, and different names",
        });
        return new(MergeVerdict.Unproven, evidence);
    }

    private static string Country(RecordIdentity nationalId) => nationalId.Value.Split(':')[0];
}
