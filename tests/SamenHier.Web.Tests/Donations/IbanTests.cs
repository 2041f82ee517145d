using SamenHier.Web.Features.Donations;

namespace SamenHier.Web.Tests.Donations;

/// <summary>IBANs of the European Economic Area: the country's length and format and the mod-97 check, and the creditor identifier.</summary>
public sealed class IbanTests
{
    [Theory]
    [InlineData("NL91ABNA0417164300")]
    [InlineData("NL91 ABNA 0417 1643 00")]
    [InlineData("nl91abna0417164300")]
    [InlineData("DE89370400440532013000")]
    [InlineData("BE68539007547034")]
    [InlineData("FR1420041010050500013M02606")]
    [InlineData("ES9121000418450200051332")]
    [InlineData("IT60X0542811101000000123456")]
    [InlineData("AT611904300234573201")]
    [InlineData("PL61109010140000071219812874")]
    [InlineData("SE4550000000058398257466")]
    [InlineData("NO9386011117947")]
    [InlineData("MT84MALT011000012345MTLCAST001S")]
    public void ValidNumbers_FromSeveralCountries_AreTaken(string iban)
    {
        Assert.Equal(Iban.Problem.None, Iban.Check(iban));
        Assert.True(Iban.IsValid(iban));
    }

    [Theory]
    [InlineData("", Iban.Problem.Empty)]
    [InlineData("   ", Iban.Problem.Empty)]
    [InlineData("NL91ABNA041716430!", Iban.Problem.Characters)]
    [InlineData("NL91ÄBNA0417164300", Iban.Problem.Characters)]
    [InlineData("US64SVBKUS6S3300958879", Iban.Problem.Country)]
    [InlineData("TR330006100519786457841326", Iban.Problem.Country)]
    [InlineData("GB29NWBK60161331926819", Iban.Problem.Country)]
    [InlineData("CH9300762011623852957", Iban.Problem.Country)]
    [InlineData("XX", Iban.Problem.Country)]
    [InlineData("NL91ABNA041716430", Iban.Problem.Length)]
    [InlineData("DE8937040044053201300", Iban.Problem.Length)]
    [InlineData("NL911BNA0417164300", Iban.Problem.Format)]
    [InlineData("NLX1ABNA0417164300", Iban.Problem.Format)]
    [InlineData("BE6853900754703A", Iban.Problem.Format)]
    [InlineData("NL92ABNA0417164300", Iban.Problem.CheckDigits)]
    [InlineData("NL91ABNA0417164301", Iban.Problem.CheckDigits)]
    [InlineData("DE89370400440532013001", Iban.Problem.CheckDigits)]
    [InlineData("FR1420041010050500013M02607", Iban.Problem.CheckDigits)]
    public void WrongNumbers_SayWhatIsWrong(string iban, Iban.Problem problem) =>
        Assert.Equal(problem, Iban.Check(iban));

    [Fact]
    public void EverySingleMistypedDigit_IsCaught()
    {
        // Mod 97 catches every single wrong character: try them all on one number.
        const string Good = "NL91ABNA0417164300";
        for (var at = 4; at < Good.Length; at++)
        {
            var alphabet = char.IsAsciiDigit(Good[at]) ? "0123456789" : "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
            foreach (var c in alphabet.Where(c => c != Good[at]))
            {
                var typo = Good[..at] + c + Good[(at + 1)..];
                Assert.Equal(Iban.Problem.CheckDigits, Iban.Check(typo));
            }
        }
    }

    [Fact]
    public void Numbers_AreStoredWithoutSpaces_AndShownInFours()
    {
        Assert.Equal("NL91ABNA0417164300", Iban.Normalise(" nl91 abna-0417.1643 00 "));
        Assert.Equal("NL91 ABNA 0417 1643 00", Iban.Readable("NL91ABNA0417164300"));
        Assert.Equal("NL•• •••• 4300", Mandates.MaskedIban("NL91ABNA0417164300"));
    }

    [Theory]
    [InlineData("NL69ZZZ123456780000", true)]
    [InlineData("NL69 ZZZ 1234 5678 0000", true)]
    [InlineData("DE98ZZZ09999999999", true)]
    [InlineData("NL70ZZZ123456780000", false)]
    [InlineData("NL69ZZZ123456780001", false)]
    [InlineData("US69ZZZ123456780000", false)]
    [InlineData("NL69", false)]
    public void CreditorIdentifiers_AreCheckedLikeAnIban_WithoutTheBusinessCode(string id, bool valid) =>
        Assert.Equal(valid, Iban.IsCreditorId(id));
}
