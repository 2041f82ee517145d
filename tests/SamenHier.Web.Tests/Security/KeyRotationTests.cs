using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SamenHier.Web.Data;
using SamenHier.Web.Infrastructure.Security;
using SamenHier.Web.Tests.Infrastructure;

namespace SamenHier.Web.Tests.Security;

/// <summary>After a leak of the key ring's certificate: the ring re-encrypted with a new one, everything still readable with it, and no longer with the old.</summary>
public sealed class KeyRotationTests
{
    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task AfterTheCertificateIsRotated_WhatTheKeysProtected_IsReadWithTheNewCertificate_AndNotTheOld(Provider provider)
    {
        await using var app = new AppFactory(provider);
        var secret = app.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Protect("geheim");
        var before = await app.WithDbAsync(db => db.DataProtectionKeys.AsNoTracking().Select(k => k.Xml).SingleAsync());

        // A new certificate, made as the site makes its own.
        var folder = Path.Combine(app.DataDirectory, "new-certificate");
        var fresh = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["SAMENHIER_DATA"] = folder }).Build();
        using (KeyRing.Certificate(fresh))
        {
        }

        var newPath = KeyRing.GeneratedPath(fresh);
        using (var current = KeyRing.Certificate(app.Services.GetRequiredService<IConfiguration>()))
        using (var next = KeyRing.Certificate(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["DataProtection:CertificatePath"] = newPath }).Build()))
        {
            await using var scope = app.Services.CreateAsyncScope();
            Assert.Equal(1, await KeyRing.RotateAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>(), current, next, TestContext.Current.CancellationToken));
        }

        // The key is the same key (its id), its secret encrypted anew; still no plain value in the database.
        var after = await app.WithDbAsync(db => db.DataProtectionKeys.AsNoTracking().Select(k => k.Xml).SingleAsync());
        Assert.NotEqual(before, after);
        Assert.Equal(System.Xml.Linq.XElement.Parse(before!).Attribute("id")!.Value, System.Xml.Linq.XElement.Parse(after!).Attribute("id")!.Value);
        Assert.Contains("<encryptedSecret", after, StringComparison.Ordinal);
        Assert.DoesNotContain("<value>", after, StringComparison.Ordinal);

        // An instance with the new certificate reads it; one with the old certificate cannot.
        await using (var renewed = new AppFactory(app, new() { ["DataProtection:CertificatePath"] = newPath }))
        {
            Assert.Equal("geheim", renewed.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Unprotect(secret));
        }

        await using var stale = new AppFactory(app);
        Assert.ThrowsAny<CryptographicException>(() => stale.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Unprotect(secret));
    }

    [Fact]
    public void TheSitesOwnCertificate_IsReplacedOwnerOnly_AndTheOldOneKeptAsideForTheOperator()
    {
        var root = Path.Combine(Path.GetTempPath(), "samenhier-tests", Guid.NewGuid().ToString("N"));
        try
        {
            IConfiguration Folder(string name) => new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["SAMENHIER_DATA"] = Path.Combine(root, name) }).Build();
            var site = Folder("site");
            using var old = KeyRing.Certificate(site);
            using var next = KeyRing.Certificate(Folder("new"));

            var retired = KeyRing.ReplaceGenerated(KeyRing.GeneratedPath(site), next, new DateTimeOffset(2026, 12, 2, 8, 0, 0, TimeSpan.Zero));

            Assert.EndsWith("key-protection.retired-20261202080000.pfx", retired, StringComparison.Ordinal);
            using var inPlace = KeyRing.Certificate(site);
            Assert.Equal(next.Thumbprint, inPlace.Thumbprint);
            Assert.True(inPlace.HasPrivateKey);
            using var kept = System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadPkcs12FromFile(retired, null);
            Assert.Equal(old.Thumbprint, kept.Thumbprint);
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(KeyRing.GeneratedPath(site)));
            }
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
