using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Touchpoint.Data;
using Touchpoint.Domain.Contracts;
using Touchpoint.Features.Coverage;
using Touchpoint.Features.Customers;
using Touchpoint.Features.Subscriptions;

namespace Touchpoint.Features.Leaving;

/// <summary>
/// What an agent found wrong with a delivered service (EU-105-5, S3-1), with its evidence and what the rules decided
/// from it when it was recorded: a coverage check that says the service cannot be delivered at its address, measured
/// speeds below the contract, or the subscription's fault cases. A finding that lets the contract end free of cost is
/// what "end without cost" rests on and cites.
/// </summary>
public sealed class NonConformityFinding
{
    public const int MaxNoteLength = 1000;
    public const int MaxMeasurements = 100;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid CustomerId { get; set; }
    public Guid SubscriptionId { get; set; }

    public required NonConformityKind Kind { get; set; }

    public DateTime RecordedAt { get; set; }
    public required string RecordedByName { get; set; }

    /// <summary>The stored coverage check (TMF679) a notDeliverable finding cites.</summary>
    public Guid? QualificationCheckId { get; set; }

    /// <summary>The speed the contract promises, in Mbit/s (speedBelowContract).</summary>
    public decimal? ContractedMbps { get; set; }

    /// <summary>The measurements, "yyyy-MM-dd=Mbps" separated by ';' (speedBelowContract).</summary>
    public string Measurements { get; set; } = "";

    /// <summary>The references of the fault cases counted, separated by ', ' (recurringFaults).</summary>
    public string FaultCases { get; set; } = "";

    /// <summary>The agent's own words: what the customer reported, how it was measured.</summary>
    [PersonalData]
    public string? Note { get; set; }

    /// <summary>What the rules decided from the evidence when it was recorded.</summary>
    public bool EndsWithoutCost { get; set; }

    /// <summary>Rule ids from RULES.md, comma-separated.</summary>
    public required string RuleIds { get; set; }

    public required string Explanation { get; set; }

    public IReadOnlyList<string> RuleIdList => RuleIds.Split(',', StringSplitOptions.RemoveEmptyEntries);

    public IReadOnlyList<SpeedMeasurement> MeasurementList =>
        Measurements.Split(';', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .Select(parts => new SpeedMeasurement(
                DateOnly.ParseExact(parts[0], "yyyy-MM-dd", CultureInfo.InvariantCulture), decimal.Parse(parts[1], CultureInfo.InvariantCulture)))
            .ToList();

    public static string Write(IEnumerable<SpeedMeasurement> measurements) =>
        string.Join(';', measurements.Select(m => string.Create(CultureInfo.InvariantCulture, $"{m.On:yyyy-MM-dd}={m.Mbps}")));
}

internal sealed class NonConformityFindingConfiguration : IEntityTypeConfiguration<NonConformityFinding>
{
    public void Configure(EntityTypeBuilder<NonConformityFinding> builder)
    {
        builder.ToTable("NonConformityFindings");
        builder.Property(f => f.Kind).HasWireNameConversion(NonConformityKinds.ToWireName, NonConformityKinds.TryParse).HasMaxLength(24);
        builder.Property(f => f.RecordedByName).HasMaxLength(200);
        builder.Property(f => f.ContractedMbps).HasPrecision(10, 2);
        builder.Property(f => f.Measurements).HasMaxLength(NonConformityFinding.MaxMeasurements * 24);
        builder.Property(f => f.FaultCases).HasMaxLength(2000);
        builder.Property(f => f.Note).HasMaxLength(NonConformityFinding.MaxNoteLength);
        builder.Property(f => f.RuleIds).HasMaxLength(200);
        builder.Property(f => f.Explanation).HasMaxLength(2000);
        builder.Ignore(f => f.RuleIdList);
        builder.Ignore(f => f.MeasurementList);
        builder.HasOne<Customer>().WithMany().HasForeignKey(f => f.CustomerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Subscription>().WithMany().HasForeignKey(f => f.SubscriptionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<QualificationCheck>().WithMany().HasForeignKey(f => f.QualificationCheckId).OnDelete(DeleteBehavior.Restrict);
        // A subscription's findings, newest first (version 7 ids sort by creation).
        builder.HasIndex(f => new { f.SubscriptionId, f.Id });
        builder.HasIndex(f => f.CustomerId);
    }
}
