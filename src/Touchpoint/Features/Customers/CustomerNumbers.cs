using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Touchpoint.Data;
using Touchpoint.Domain.Customers;

namespace Touchpoint.Features.Customers;

/// <summary>
/// The last customer serial handed out, in a single row, as <see cref="Cases.CaseReferenceCounter"/> is for cases.
/// A block of serials is taken with one atomic UPDATE … RETURNING; a save that fails leaves a gap, which is harmless.
/// </summary>
public sealed class CustomerNumberCounter
{
    public const int SingleRowId = 1;

    public int Id { get; set; }
    public long Last { get; set; }
}

/// <summary>Gives every new customer its <see cref="Customer.Number"/>, however it is written: a save or a bulk import.</summary>
public static class CustomerNumbers
{
    /// <summary>Numbers the customers about to be inserted by this save that have none yet, with one statement for all of them.</summary>
    public static async Task AssignToAddedAsync(TouchpointDbContext db, CancellationToken cancellationToken)
    {
        var added = db.ChangeTracker.Entries<Customer>()
            .Where(e => e.State == EntityState.Added && e.Entity.Number == 0)
            .Select(e => e.Entity)
            .ToList();
        await AssignAsync(db, added, cancellationToken);
    }

    /// <summary>Numbers those of <paramref name="customers"/> that have none yet, in their order; a whole import batch takes one block.</summary>
    public static async Task AssignAsync(TouchpointDbContext db, IReadOnlyCollection<Customer> customers, CancellationToken cancellationToken)
    {
        var count = customers.Count(c => c.Number == 0);
        if (count == 0)
        {
            return;
        }

        var last = (await db.Database
            .SqlQuery<long>($"UPDATE \"CustomerNumberCounters\" SET \"Last\" = \"Last\" + {count} WHERE \"Id\" = {CustomerNumberCounter.SingleRowId} RETURNING \"Last\" AS \"Value\"")
            .ToListAsync(cancellationToken)).Single();
        var serial = last - count;
        foreach (var customer in customers.Where(c => c.Number == 0))
        {
            customer.Number = CustomerNumber.FromSerial(++serial);
        }
    }
}

internal sealed class CustomerNumberCounterConfiguration : IEntityTypeConfiguration<CustomerNumberCounter>
{
    public void Configure(EntityTypeBuilder<CustomerNumberCounter> builder)
    {
        builder.ToTable("CustomerNumberCounters");
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.HasData(new CustomerNumberCounter { Id = CustomerNumberCounter.SingleRowId, Last = 0 });
    }
}
