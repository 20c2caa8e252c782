using System.Collections;
using System.Collections.Concurrent;
using System.Linq.Expressions;
using System.Reflection;
using Microsoft.AspNetCore.Http.Metadata;

namespace Touchpoint.Features.Audit;

/// <summary>
/// Marks the property that says whose data an object is, when it is not called <c>CustomerId</c>: the id of a customer
/// view, a TMF customer or individual. Its value is a customer's id (a <see cref="Guid"/> or its text).
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class DataSubjectAttribute : Attribute;

/// <summary>An object that knows whether it names a customer, where a property alone cannot say (a TMF related party is a customer, an agent or a queue).</summary>
public interface IRefersToCustomer
{
    /// <summary>The customer the object names; null when it names someone or something else.</summary>
    Guid? ReferredCustomer { get; }
}

/// <summary>A result sent as a shape made from typed objects (TMF's <c>fields</c> selection): the objects it was made from.</summary>
public interface IShapedResult
{
    object? Source { get; }
}

/// <summary>
/// The customers whose data a response carries, found in the objects an endpoint returns: every <c>CustomerId</c>
/// property, every property marked <see cref="DataSubjectAttribute"/>, every <see cref="IRefersToCustomer"/>, in
/// objects, lists and results of any depth. The convention is what makes a new endpoint audited without anyone
/// remembering to: a response about a customer names the customer.
/// </summary>
public static class DataSubjects
{
    private const int DeepestNesting = 12;

    private static readonly ConcurrentDictionary<Type, Plan> Plans = new();

    /// <summary>The customers <paramref name="value"/> names, each once, in the order first found.</summary>
    public static IReadOnlyCollection<Guid> In(object? value)
    {
        var found = new List<Guid>();
        var seen = new HashSet<Guid>();
        Walk(value, found, seen, depth: 0);
        return found;
    }

    private static void Walk(object? value, List<Guid> found, HashSet<Guid> seen, int depth)
    {
        if (value is null || depth > DeepestNesting)
        {
            return;
        }

        switch (value)
        {
            case INestedHttpResult nested:
                Walk(nested.Result, found, seen, depth + 1);
                return;
            case IShapedResult shaped:
                Walk(shaped.Source, found, seen, depth + 1);
                return;
            case IValueHttpResult result:
                Walk(result.Value, found, seen, depth + 1);
                return;
            case IRefersToCustomer reference when reference.ReferredCustomer is { } customer:
                Add(customer, found, seen);
                break;
        }

        var plan = Plans.GetOrAdd(value.GetType(), Plan.For);
        if (plan.IsSequence)
        {
            foreach (var item in (IEnumerable)value)
            {
                Walk(item, found, seen, depth + 1);
            }

            return;
        }

        foreach (var subject in plan.Subjects)
        {
            switch (subject(value))
            {
                case Guid customer:
                    Add(customer, found, seen);
                    break;
                case string text when Guid.TryParse(text, out var customer):
                    Add(customer, found, seen);
                    break;
            }
        }

        foreach (var child in plan.Children)
        {
            Walk(child(value), found, seen, depth + 1);
        }
    }

    private static void Add(Guid customer, List<Guid> found, HashSet<Guid> seen)
    {
        if (customer != Guid.Empty && seen.Add(customer))
        {
            found.Add(customer);
        }
    }

    /// <summary>How to look into one type: which properties name a customer, which may hold objects that do.</summary>
    private sealed record Plan(bool IsSequence, IReadOnlyList<Func<object, object?>> Subjects, IReadOnlyList<Func<object, object?>> Children)
    {
        private static readonly Plan Leaf = new(false, [], []);

        public static Plan For(Type type)
        {
            if (!MayHoldSubjects(type))
            {
                return Leaf;
            }

            if (type != typeof(string) && typeof(IEnumerable).IsAssignableFrom(type))
            {
                return new Plan(true, [], []);
            }

            var subjects = new List<Func<object, object?>>();
            var children = new List<Func<object, object?>>();
            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                if (property.GetIndexParameters().Length > 0 || property.GetMethod is null)
                {
                    continue;
                }

                if (property.Name == "CustomerId" || property.IsDefined(typeof(DataSubjectAttribute)))
                {
                    subjects.Add(Getter(property));
                }
                else if (MayHoldSubjects(property.PropertyType) || IsSequenceOfAnything(property.PropertyType))
                {
                    children.Add(Getter(property));
                }
            }

            return new Plan(false, subjects, children);
        }

        /// <summary>Touchpoint's own types and sequences; framework values (text, times, JSON) name nobody by themselves.</summary>
        private static bool MayHoldSubjects(Type type)
        {
            if (type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(Guid) || type == typeof(decimal)
                || type == typeof(DateTime) || type == typeof(DateTimeOffset) || type == typeof(DateOnly) || type == typeof(TimeOnly))
            {
                return false;
            }

            if (Nullable.GetUnderlyingType(type) is { } underlying)
            {
                return MayHoldSubjects(underlying);
            }

            return IsSequenceOfAnything(type) || type == typeof(object) || type.IsInterface
                || type.Namespace?.StartsWith(nameof(Touchpoint), StringComparison.Ordinal) == true;
        }

        /// <summary>A sequence whose items may name customers: not text, bytes, a list of numbers or JSON.</summary>
        private static bool IsSequenceOfAnything(Type type)
        {
            if (type == typeof(string) || !typeof(IEnumerable).IsAssignableFrom(type)
                || type.Namespace?.StartsWith("System.Text.Json", StringComparison.Ordinal) == true)
            {
                return false;
            }

            var item = type.IsArray
                ? type.GetElementType()
                : type.GetInterfaces().Append(type)
                    .FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))?.GetGenericArguments()[0];
            return item is null || MayHoldSubjects(item);
        }

        private static Func<object, object?> Getter(PropertyInfo property)
        {
            var instance = Expression.Parameter(typeof(object));
            var read = Expression.Property(Expression.Convert(instance, property.DeclaringType!), property);
            return Expression.Lambda<Func<object, object?>>(Expression.Convert(read, typeof(object)), instance).Compile();
        }
    }
}
