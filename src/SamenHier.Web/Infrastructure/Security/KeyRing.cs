using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace SamenHier.Web.Infrastructure.Security;

/// <summary>
/// The Data Protection key ring: the keys behind sign-in cookies, form tokens, the secret links kept
/// for reuse and the encrypted columns (<see cref="RestrictedData"/>). It lives in the database, so
/// every instance of the site shares it and a backup of the database carries it; each key in it is
/// encrypted with a certificate that is not in the database, so a copy of the database alone (a
/// dump, a replica, a stolen disk of the database server) reveals no key and no encrypted value.
/// </summary>
public static class KeyRing
{
    public const string Section = "DataProtection";

    /// <summary>The file name of the certificate made on first start when none is configured.</summary>
    public const string GeneratedCertificate = "key-protection.pfx";

    /// <summary>
    /// The certificate that protects the keys: <c>DataProtection:CertificatePath</c> (a PKCS#12 file,
    /// password in <c>DataProtection:CertificatePassword</c>), the same file on every instance; or,
    /// when none is configured, one made on first start in the data folder's <c>keys</c> folder,
    /// readable by the site's user only.
    /// </summary>
    public static X509Certificate2 Certificate(IConfiguration configuration)
    {
        var configured = configuration[$"{Section}:CertificatePath"];
        var password = configuration[$"{Section}:CertificatePassword"];
        var path = configured is { Length: > 0 } ? configured : GeneratedPath(configuration);
        if (configured is not { Length: > 0 } && !File.Exists(path))
        {
            Generate(path);
        }

        try
        {
            return X509CertificateLoader.LoadPkcs12FromFile(path, password, X509KeyStorageFlags.EphemeralKeySet);
        }
        catch (Exception e) when (e is CryptographicException or IOException)
        {
            throw new InvalidOperationException($"The key protection certificate at {path} cannot be read ({e.Message}). Check DataProtection:CertificatePath and DataProtection:CertificatePassword.", e);
        }
    }

    public static string GeneratedPath(IConfiguration configuration) =>
        Path.Combine(Data.DatabaseSetup.DataDirectory(configuration), "keys", GeneratedCertificate);

    /// <summary>Keys in the database, each encrypted with the certificate (loaded, or made, now).</summary>
    public static IServiceCollection AddAppDataProtection(this IServiceCollection services, IConfiguration configuration)
    {
        var certificate = Certificate(configuration);
        services.AddDataProtection()
            .SetApplicationName("SamenHier")
            .PersistKeysToDbContext<Data.AppDbContext>()
            .ProtectKeysWithCertificate(certificate)
            // Keys are read with this certificate itself, not one looked up in a certificate store.
            .UnprotectKeysWithAnyCertificate(certificate);
        services.AddSingleton(new RateLimitKey(DeriveKey(certificate, "SamenHier.RateLimits.v1")));
        return services;
    }

    /// <summary>
    /// A 256-bit secret for <paramref name="purpose"/> that every instance derives alike from the
    /// certificate's private key and nobody stores: an RSA PKCS#1 v1.5 signature is deterministic, so
    /// the signature of the purpose, run through HKDF, is the same wherever the certificate is.
    /// Whoever reads the database but lacks the certificate cannot compute it.
    /// </summary>
    public static byte[] DeriveKey(X509Certificate2 certificate, string purpose)
    {
        using var rsa = certificate.GetRSAPrivateKey()
            ?? throw new InvalidOperationException("The key protection certificate needs an RSA private key.");
        var info = System.Text.Encoding.UTF8.GetBytes(purpose);
        var signature = rsa.SignData(info, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return HKDF.DeriveKey(HashAlgorithmName.SHA256, signature, 32, salt: null, info: info);
    }

    /// <summary>
    /// Re-encrypts every key in the ring with <paramref name="next"/> (after the current certificate
    /// leaked, or simply expired): each key's secret is decrypted with <paramref name="current"/> and
    /// encrypted again, all in one transaction. The keys themselves do not change, so everything they
    /// protected (sessions, links, the encrypted columns) stays readable — with the new certificate.
    /// Run it with the site stopped; start it again with the new certificate. Returns the number of keys.
    /// </summary>
    public static async Task<int> RotateAsync(Data.AppDbContext db, X509Certificate2 current, X509Certificate2 next, CancellationToken ct)
    {
        if (!next.HasPrivateKey || next.GetRSAPrivateKey() is null)
        {
            throw new InvalidOperationException("The new certificate must hold an RSA private key (a PKCS#12 file).");
        }

        var services = new ServiceCollection();
        services.AddDataProtection().UnprotectKeysWithAnyCertificate(current);
        await using var provider = services.BuildServiceProvider();
        var decryptor = new Microsoft.AspNetCore.DataProtection.XmlEncryption.EncryptedXmlDecryptor(provider);
        var encryptor = new Microsoft.AspNetCore.DataProtection.XmlEncryption.CertificateXmlEncryptor(next, Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance);

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var keys = await db.DataProtectionKeys.ToListAsync(ct);
        foreach (var key in keys)
        {
            var xml = XElement.Parse(key.Xml!);
            foreach (var secret in xml.Descendants().Where(e => e.Name.LocalName == "encryptedSecret").ToList())
            {
                var plain = decryptor.Decrypt(secret.Elements().Single());
                var encrypted = encryptor.Encrypt(plain);
                secret.ReplaceWith(new XElement(secret.Name, new XAttribute("decryptorType", encrypted.DecryptorType.AssemblyQualifiedName!), encrypted.EncryptedElement));
            }

            key.Xml = xml.ToString(SaveOptions.DisableFormatting);
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return keys.Count;
    }

    /// <summary>Puts a new certificate where the site made its own, owner-only; the old one is kept beside it as retired, for the operator to destroy.</summary>
    public static string ReplaceGenerated(string path, X509Certificate2 next, DateTimeOffset now)
    {
        var retired = Path.Combine(Path.GetDirectoryName(path)!, $"key-protection.retired-{now.UtcDateTime:yyyyMMddHHmmss}.pfx");
        File.Move(path, retired);
        Write(path, next.Export(X509ContentType.Pkcs12));
        return retired;
    }

    /// <summary>A self-signed RSA certificate (its only use is encrypting keys), written owner-only and atomically.</summary>
    private static void Generate(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var rsa = RSA.Create(3072);
        var request = new CertificateRequest("CN=SamenHier key protection", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyEncipherment | X509KeyUsageFlags.DataEncipherment, critical: true));
        var now = DateTimeOffset.UtcNow;
        using var certificate = request.CreateSelfSigned(now.AddDays(-1), now.AddYears(100));
        Write(path, certificate.Export(X509ContentType.Pkcs12));
    }

    /// <summary>Writes the file owner-only and atomically; when another process wrote it first, theirs stays.</summary>
    private static void Write(string path, byte[] bytes)
    {
        var partial = path + "." + Guid.NewGuid().ToString("N") + ".partial";
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        try
        {
            using (var file = new FileStream(partial, options))
            {
                file.Write(bytes);
                file.Flush(flushToDisk: true);
            }

            // Another process starting on the same folder may have made one first: keep theirs.
            File.Move(partial, path, overwrite: false);
        }
        catch (IOException) when (File.Exists(path))
        {
        }
        finally
        {
            File.Delete(partial);
        }
    }
}
