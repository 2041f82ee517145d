using System.Collections;
using System.Reflection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.DependencyInjection;
using SamenHier.Web.Data;
using SamenHier.Web.Tests.Infrastructure;

namespace SamenHier.Web.Tests.Security;

/// <summary>
/// Mass assignment: a post can only set what a page binds, so no page may bind a stored record (an
/// entity) or anything that holds one — only input classes of plain values, copied field by field after
/// checking. Found by reflection over every page, so a new page is covered without anyone remembering.
/// </summary>
public sealed class MassAssignmentTests
{
    [Fact]
    public async Task NoPage_BindsAStoredRecord_FromAPost()
    {
        await using var app = new AppFactory();
        var entities = app.Services.CreateScope().ServiceProvider.GetRequiredService<AppDbContext>().Model.GetEntityTypes().Select(t => t.ClrType).ToHashSet();
        var pages = typeof(AppDbContext).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(PageModel)) && !t.IsAbstract).ToList();
        Assert.True(pages.Count > 50, $"only {pages.Count} pages found");

        var bound = new List<(string Where, Type Type)>();
        foreach (var page in pages)
        {
            var bindsAll = page.GetCustomAttribute<BindPropertiesAttribute>() is not null;
            bound.AddRange(page.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(p => p.CanWrite && p.SetMethod!.IsPublic && (bindsAll || p.GetCustomAttribute<BindPropertyAttribute>() is not null))
                .Select(p => ($"{page.Name}.{p.Name}", p.PropertyType)));
            bound.AddRange(page.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
                .Where(m => m.Name.StartsWith("OnPost", StringComparison.Ordinal) || m.Name.StartsWith("OnGet", StringComparison.Ordinal))
                .SelectMany(m => m.GetParameters()
                    .Where(p => p.GetCustomAttribute<FromServicesAttribute>() is null && p.ParameterType != typeof(CancellationToken))
                    .Select(p => ($"{page.Name}.{m.Name}({p.Name})", p.ParameterType))));
        }

        Assert.True(bound.Count > 100, $"only {bound.Count} bound inputs found");
        // The check itself sees an entity however it is wrapped.
        Assert.True(Reaches(typeof(List<Features.Stories.Story>), entities, []));
        Assert.True(Reaches(typeof(Wrapper), entities, []));
        var offending = bound.Where(b => Reaches(b.Type, entities, [])).Select(b => $"{b.Where}: {b.Type.Name}").ToList();
        Assert.Empty(offending);
    }

    /// <summary>Whether binding <paramref name="type"/> could set an entity: it is one, or one of its settable properties (or items) reaches one.</summary>
    private static bool Reaches(Type type, HashSet<Type> entities, HashSet<Type> seen)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (entities.Contains(type))
        {
            return true;
        }

        if (type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal) || type == typeof(Guid) || type == typeof(DateOnly)
            || type == typeof(DateTime) || type == typeof(DateTimeOffset) || type == typeof(TimeOnly) || type.Namespace?.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal) == true
            || !seen.Add(type))
        {
            return false;
        }

        if (type.IsArray)
        {
            return Reaches(type.GetElementType()!, entities, seen);
        }

        if (typeof(IEnumerable).IsAssignableFrom(type) && type.IsGenericType)
        {
            return type.GetGenericArguments().Any(a => Reaches(a, entities, seen));
        }

        return type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite).Any(p => Reaches(p.PropertyType, entities, seen));
    }

    private sealed class Wrapper
    {
        public Features.Donations.Donation[]? Gifts { get; set; }
    }
}
