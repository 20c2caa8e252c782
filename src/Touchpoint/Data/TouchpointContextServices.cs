using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Touchpoint.Hosting;

namespace Touchpoint.Data;

/// <summary>
/// The application services <see cref="TouchpointDbContext"/> needs besides its options: who acts (for the audit
/// trail) and the clock. They travel in the options, so the context's only constructor parameter is its options and
/// the context can be pooled; both are singletons that read the current request when asked, so a pooled context holds
/// no per-request state.
/// </summary>
public sealed class TouchpointContextServices(CurrentActor actor, TimeProvider clock) : IDbContextOptionsExtension
{
    public CurrentActor Actor { get; } = actor;
    public TimeProvider Clock { get; } = clock;

    public DbContextOptionsExtensionInfo Info => field ??= new ExtensionInfo(this);

    public void ApplyServices(IServiceCollection services)
    {
        // Nothing for EF's internal service provider: the context reads these itself.
    }

    public void Validate(IDbContextOptions options)
    {
    }

    private sealed class ExtensionInfo(IDbContextOptionsExtension extension) : DbContextOptionsExtensionInfo(extension)
    {
        public override bool IsDatabaseProvider => false;
        public override string LogFragment => "";

        // The services are not EF's: contexts that differ only in them share one internal service provider.
        public override int GetServiceProviderHashCode() => 0;
        public override bool ShouldUseSameServiceProvider(DbContextOptionsExtensionInfo other) => other is ExtensionInfo;

        public override void PopulateDebugInfo(IDictionary<string, string> debugInfo)
        {
        }
    }
}

public static class TouchpointContextServicesExtensions
{
    /// <summary>Gives the context who acts and the clock (see <see cref="TouchpointContextServices"/>).</summary>
    public static TBuilder UseTouchpointServices<TBuilder>(this TBuilder builder, CurrentActor actor, TimeProvider clock)
        where TBuilder : DbContextOptionsBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        ((IDbContextOptionsBuilderInfrastructure)builder).AddOrUpdateExtension(new TouchpointContextServices(actor, clock));
        return builder;
    }
}
