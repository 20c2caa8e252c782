using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Touchpoint.Data;

/// <summary>
/// An EF compiled query (<see cref="EF.CompileAsyncQuery{TContext, TResult}(System.Linq.Expressions.Expression{Func{TContext, IQueryable{TResult}}})"/>)
/// compiled once per EF model. EF binds a compiled query to the first model it runs against and refuses any other,
/// but each provider's context has its own model (and so does each host in the tests), so one static compiled query
/// cannot serve them all.
/// </summary>
/// <param name="compile">Calls EF.CompileAsyncQuery; run once per model, on first use.</param>
public sealed class PerModelQuery<TQuery>(Func<TQuery> compile)
    where TQuery : class
{
    private readonly ConditionalWeakTable<IModel, TQuery> compiled = [];

    public TQuery For(DbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        var model = db.Model;
        return compiled.TryGetValue(model, out var query) ? query : compiled.GetValue(model, _ => compile());
    }
}
