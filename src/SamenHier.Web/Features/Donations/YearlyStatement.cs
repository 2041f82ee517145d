using System.Globalization;
using Microsoft.Extensions.Localization;
using PdfSharp.Pdf;
using SamenHier.Web.Features.Impact;
using SamenHier.Web.Infrastructure.Reports;

namespace SamenHier.Web.Features.Donations;

/// <summary>
/// The yearly statement of a donation, for the donor's tax return (gifts to an ANBI): the
/// foundation with its RSIN, the donor, the mandate, every amount collected in the year with its
/// date, and the total.
/// </summary>
public static class YearlyStatement
{
    public static byte[] Pdf(Donation donation, IReadOnlyList<Collection> collections, int year, DonationOptions settings, DateOnly madeOn, IStringLocalizer t, string fontFolder)
    {
        ReportFonts.Use(fontFolder);
        using var document = new PdfDocument();
        var title = t["Statement_Title", year].Value;
        document.Info.Title = title;
        document.Info.Creator = "SamenHier";
        var writer = new PdfWriter(document);
        writer.Heading(title, 18);
        writer.Paragraph(settings.CreditorName, 11);
        if (!string.IsNullOrWhiteSpace(settings.Rsin))
        {
            writer.Paragraph(t["Statement_Rsin", settings.Rsin].Value, 10);
        }

        writer.Paragraph(t["Statement_Anbi"].Value, 10);
        writer.Space(8);
        // The name as the donor wrote it, unless the PDF cannot set its script: then as the bank has it.
        var name = ImpactReport.Printable(donation.DonorName) ? donation.DonorName : donation.AccountHolder;
        writer.Paragraph(t["Statement_For", name].Value, 11);
        writer.Paragraph(t["Statement_Mandate", donation.MandateId, Mandates.MaskedIban(donation.Iban)].Value, 10);
        writer.Space(6);
        var rows = collections.OrderBy(c => c.CollectionDate)
            .Select(c => (c.CollectionDate.ToString("d MMMM yyyy", CultureInfo.CurrentCulture), (IReadOnlyList<string>)[Mandates.Euros(c.AmountCents)]))
            .Append((t["Statement_Total"].Value, [Mandates.Euros(collections.Sum(c => c.AmountCents))]))
            .ToList();
        writer.Table([t["Statement_Amount"].Value], rows);
        writer.Paragraph(t["Statement_MadeOn", madeOn.ToString("d MMMM yyyy", CultureInfo.CurrentCulture)].Value, 9);
        using var stream = new MemoryStream();
        document.Save(stream, closeStream: false);
        return stream.ToArray();
    }
}
