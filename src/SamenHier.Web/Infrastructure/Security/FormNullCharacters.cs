namespace SamenHier.Web.Infrastructure.Security;

/// <summary>
/// ASP.NET Core's form reader refuses a form with an encoded NUL (%00) in any value, and the request
/// would end as a bare 400 with everything the person typed lost. This turns each %00 into U+FFFD
/// (the replacement character) before the form is read, so the field rules refuse that one field with
/// a clear message and every other value is kept.
/// </summary>
public static class FormNullCharacters
{
    private const long MaxBufferedBytes = 1024 * 1024;

    public static IApplicationBuilder UseFormNullCharacterGuard(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var request = context.Request;
            if (HttpMethods.IsPost(request.Method)
                && request.ContentType?.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) == true
                && request.ContentLength is > 0 and <= MaxBufferedBytes)
            {
                using var buffer = new MemoryStream();
                await request.Body.CopyToAsync(buffer, context.RequestAborted);
                var body = buffer.ToArray();
                var cleaned = Replace(body);
                request.Body = new MemoryStream(cleaned);
                request.ContentLength = cleaned.Length;
            }

            await next();
        });

    internal static byte[] Replace(byte[] body)
    {
        var count = 0;
        for (var i = 0; i + 2 < body.Length; i++)
        {
            if (body[i] == '%' && body[i + 1] == '0' && body[i + 2] == '0')
            {
                count++;
            }
        }

        if (count == 0)
        {
            return body;
        }

        ReadOnlySpan<byte> replacement = "%EF%BF%BD"u8;
        var result = new byte[body.Length + (count * (replacement.Length - 3))];
        var j = 0;
        for (var i = 0; i < body.Length; i++)
        {
            if (i + 2 < body.Length && body[i] == '%' && body[i + 1] == '0' && body[i + 2] == '0')
            {
                replacement.CopyTo(result.AsSpan(j));
                j += replacement.Length;
                i += 2;
            }
            else
            {
                result[j++] = body[i];
            }
        }

        return result;
    }
}
