using Microsoft.Extensions.Localization;
using SamenHier.Web.Data;
using SamenHier.Web.Features.Accounts;
using SamenHier.Web.Infrastructure;
using SamenHier.Web.Infrastructure.Email;

namespace SamenHier.Web.Features.Enquiries;

/// <summary>
/// Tells the staff an enquiry is for that it has arrived: an offer goes to the coordinators of its
/// city (to the programme's mailbox when the city has none yet), everything else to the programme's
/// mailbox. The e-mail says what kind of enquiry and where to read it — never who wrote or what.
/// </summary>
public static class EnquiryMail
{
    public static async Task AnnounceAsync(AppDbContext db, EmailOutbox outbox, PublicLinks links, EmailOptions email, IStringLocalizer t, Enquiry enquiry, CancellationToken ct)
    {
        var link = links.Absolute($"/beheer/berichten/{enquiry.Id}");
        var to = enquiry.Kind == EnquiryKind.Offer && enquiry.CityId is { } cityId
            ? await StaffRecipients.CoordinatorsOfAsync(db, cityId, ct)
            : [];
        if (to.Count == 0)
        {
            // The programme's own mailbox reads Dutch.
            to.Add(new StaffRecipient(email.ProgrammeAddress, "Samen Hier", "nl"));
        }

        foreach (var (address, name, language) in to.DistinctBy(r => r.Email))
        {
            outbox.Add(address, name, language, $"enquiry:{enquiry.Id:N}", () =>
                (t[$"Email_Enquiry_{enquiry.Kind}_Subject"].Value,
                 t["Email_Enquiry_Body", name, link].Value + "\n\n" + t["Email_SignatureStaff"].Value));
        }
    }
}
