using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;

namespace SamenHier.Web.Features.Accounts;

/// <summary>
/// Identity's authenticator codes (TOTP, RFC 6238: HMAC-SHA1, 6 digits, 30-second steps, two steps of
/// clock drift either way), except that a code works once (ASVS 2.8.4): the last step used is stored
/// with the account, and only a later one is accepted. A code read over someone's shoulder, or taken
/// from a set-up page, cannot be used again.
/// </summary>
public sealed class OneTimeAuthenticatorCodes : AuthenticatorTokenProvider<AppUser>
{
    private const int Drift = 2;

    public override async Task<bool> ValidateAsync(string purpose, string token, UserManager<AppUser> manager, AppUser user)
    {
        var key = await manager.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key) || token.Length != 6
            || !int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var code)
            || DecodeBase32(key) is not { } secret)
        {
            return false;
        }

        // The real clock, as on the person's phone (not the app's TimeProvider).
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 30;
        for (var step = now - Drift; step <= now + Drift; step++)
        {
            if (step > (user.LastAuthenticatorStep ?? long.MinValue) && Code(secret, step) == code)
            {
                user.LastAuthenticatorStep = step;
                // Two requests with the same code at once: the second fails on the concurrency stamp.
                return (await manager.UpdateAsync(user)).Succeeded;
            }
        }

        return false;
    }

    internal static int Code(byte[] secret, long step)
    {
        Span<byte> counter = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(counter, step);
        Span<byte> hash = stackalloc byte[20];
#pragma warning disable CA5350 // RFC 6238 and every authenticator app use HMAC-SHA1; collisions do not weaken an HMAC.
        HMACSHA1.HashData(secret, counter, hash);
#pragma warning restore CA5350
        var offset = hash[^1] & 0x0f;
        return (BinaryPrimitives.ReadInt32BigEndian(hash[offset..]) & 0x7fffffff) % 1_000_000;
    }

    internal static byte[]? DecodeBase32(string text)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var bytes = new List<byte>(text.Length * 5 / 8);
        int buffer = 0, bits = 0;
        foreach (var c in text.TrimEnd('='))
        {
            var value = alphabet.IndexOf(char.ToUpperInvariant(c), StringComparison.Ordinal);
            if (value < 0)
            {
                return null;
            }

            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8)
            {
                bits -= 8;
                bytes.Add((byte)(buffer >> bits));
                buffer &= (1 << bits) - 1;
            }
        }

        return [.. bytes];
    }
}
