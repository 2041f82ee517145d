using SamenHier.Web.Data;
using SamenHier.Web.Features.Accounts;

namespace SamenHier.Web.Features.Enquiries;

/// <summary>
/// Who sees which enquiries: national staff all of them; a coordinator only the offers of help for
/// the cities they work in (legacies, new towns and contact questions are national work).
/// </summary>
public static class EnquiryScope
{
    public static async Task<IQueryable<Enquiry>> VisibleAsync(AppDbContext db, CurrentStaff me, CancellationToken ct)
    {
        if (me.IsNational)
        {
            return db.Enquiries;
        }

        var cities = await me.CityIdsAsync(ct);
        return db.Enquiries.Where(e => e.Kind == EnquiryKind.Offer && e.CityId != null && cities.Contains(e.CityId.Value));
    }
}
