using SamenHier.Web.Features.SignUp;

namespace SamenHier.Web.Tests.SignUp;

public sealed class MemberRulesTests
{
    private static readonly DateOnly Today = new(2026, 11, 29);

    private static MemberInput Valid() => new()
    {
        Name = "Fatima el Amrani",
        Email = "fatima@voorbeeld.nl",
        Phone = "06-12345678",
        Postcode = "2511AB",
        DateOfBirth = "1990-05-01",
        PreferredLanguage = "nl",
        Languages = [new() { Code = "nl", Level = "native" }],
        Availability = ["weekend"],
    };

    [Theory]
    [InlineData("06 12345678", "+31612345678")]
    [InlineData("070-1234567", "+31701234567")]
    [InlineData("+31 6 1234 5678", "+31612345678")]
    [InlineData("0031612345678", "+31612345678")]
    [InlineData("+32 470 12 34 56", "+32470123456")]
    [InlineData("+963 944 567 890", "+963944567890")]
    public void Phone_DutchAndInternational_AreStoredInE164(string typed, string stored) =>
        Assert.Equal(stored, MemberRules.NormalizePhone(typed));

    [Theory]
    [InlineData("12345")]
    [InlineData("06 1234")]
    [InlineData("bel me")]
    [InlineData("+999 123")]
    public void Phone_Invalid_IsRefused(string typed) => Assert.Null(MemberRules.NormalizePhone(typed));

    [Theory]
    [InlineData("2511AB", "2511 AB")]
    [InlineData("2511 ab", "2511 AB")]
    [InlineData(" 9711 LM ", "9711 LM")]
    public void Postcode_DutchFormat_IsNormalised(string typed, string stored) =>
        Assert.Equal(stored, MemberRules.NormalizePostcode(typed));

    [Theory]
    [InlineData("0511 AB")]
    [InlineData("2511 SS")]
    [InlineData("2511 A")]
    [InlineData("25111 AB")]
    [InlineData("AB 2511")]
    public void Postcode_NotDutch_IsRefused(string typed) => Assert.Null(MemberRules.NormalizePostcode(typed));

    [Fact]
    public void Member_Valid_IsAccepted()
    {
        var (member, errors) = MemberRules.Check(Valid(), Today);
        Assert.Empty(errors);
        Assert.Equal("+31612345678", member!.Phone);
        Assert.Equal("2511 AB", member.Postcode);
    }

    [Fact]
    public void Member_UnderEighteen_IsRefused()
    {
        var input = Valid();
        input.DateOfBirth = "2008-11-30"; // Eighteen tomorrow.
        Assert.Contains(MemberRules.Check(input, Today).Errors, e => e.MessageKey == "Error_DateOfBirth_Adult");
        input.DateOfBirth = "2008-11-29"; // Eighteen today.
        Assert.Empty(MemberRules.Check(input, Today).Errors);
    }

    [Fact]
    public void Member_WithMunicipalityInsteadOfPostcode_IsAccepted()
    {
        var input = Valid();
        input.Postcode = "";
        input.Municipality = "Den Haag";
        Assert.Empty(MemberRules.Check(input, Today).Errors);
        input.Municipality = " ";
        Assert.Contains(MemberRules.Check(input, Today).Errors, e => e.MessageKey == "Error_PostcodeOrMunicipality_Required");
    }

    [Theory]
    [InlineData("naam@voorbeeld")]
    [InlineData("naam voorbeeld.nl")]
    [InlineData("Naam <naam@voorbeeld.nl>")]
    [InlineData("naam@@voorbeeld.nl")]
    public void Email_Invalid_IsRefused(string email) => Assert.False(MemberRules.IsEmail(email));

    [Fact]
    public void Member_WithUnknownChoices_IsRefused()
    {
        var input = Valid();
        input.Sectors = ["hacking"];
        input.Languages = [new() { Code = "klingon", Level = "native" }];
        var keys = MemberRules.Check(input, Today).Errors.Select(e => e.MessageKey).ToList();
        Assert.Contains("Error_Choice_Unknown", keys);
        Assert.Contains("Error_Language_Required", keys);
    }
}
