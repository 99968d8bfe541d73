using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AdeTokens.Simulator;

/// <summary>The key pair Intune holds for one ADE token: ABM encrypts the server token (.p7m) to its certificate,
/// and only this in-memory private key can open it. Nothing here is ever written to disk or exposed by a route.</summary>
internal sealed class TokenKey
{
    private TokenKey(X509Certificate2 certificate, RSA key)
    {
        Certificate = certificate;
        PrivateKey = key;
        Pem = certificate.ExportCertificatePem();
    }

    public X509Certificate2 Certificate { get; }

    /// <summary>Held so the key outlives CreateSelfSigned's copy on every platform.</summary>
    private RSA PrivateKey { get; }

    /// <summary>-----BEGIN CERTIFICATE----- ... with \n line breaks, the shape the admin center offers as a .pem download.</summary>
    public string Pem { get; }

    public static TokenKey Create(string tokenId)
    {
        var rsa = RSA.Create(2048);
        var request = new CertificateRequest($"CN=Intune DEP {tokenId}", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(
            X509KeyUsageFlags.KeyEncipherment | X509KeyUsageFlags.DataEncipherment | X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var now = DateTimeOffset.UtcNow;
        var certificate = request.CreateSelfSigned(now.AddDays(-1), now.AddYears(1));
        return new TokenKey(certificate, rsa);
    }

    /// <summary>Opens an uploaded server token. Accepts Apple's S/MIME file text (MIME headers, blank line, base64 body),
    /// PEM-armoured PKCS7, or a bare base64 CMS body. Returns null when it is not ours or not readable; the caller
    /// answers 400 without echoing the content.</summary>
    public ServerToken? TryOpen(string depToken)
    {
        byte[] cms;
        try
        {
            cms = ExtractCms(depToken);
        }
        catch (FormatException)
        {
            return null;
        }

        byte[] content;
        try
        {
            var envelope = new EnvelopedCms();
            envelope.Decode(cms);
            envelope.Decrypt(new X509Certificate2Collection(Certificate));
            content = envelope.ContentInfo.Content;
        }
        catch (CryptographicException)
        {
            return null;
        }

        return ServerToken.TryParse(Encoding.UTF8.GetString(content));
    }

    private static byte[] ExtractCms(string text)
    {
        var s = text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Trim();
        if (s.StartsWith("-----BEGIN", StringComparison.Ordinal))
        {
            s = string.Join('\n', s.Split('\n').Where(l => !l.StartsWith("-----", StringComparison.Ordinal)));
        }
        else if (LooksLikeMimeHeader(s))
        {
            var blank = s.IndexOf("\n\n", StringComparison.Ordinal);
            if (blank < 0)
            {
                throw new FormatException("MIME headers without a body.");
            }

            s = s[(blank + 2)..];
            // A trailing MIME part separator or second section is not base64; stop at the next blank line.
            var end = s.IndexOf("\n\n", StringComparison.Ordinal);
            if (end >= 0)
            {
                s = s[..end];
            }
        }

        var compact = new string(s.Where(c => !char.IsWhiteSpace(c)).ToArray());
        if (compact.Length == 0)
        {
            throw new FormatException("Empty token.");
        }

        return Convert.FromBase64String(compact);
    }

    private static bool LooksLikeMimeHeader(string s)
    {
        var firstLine = s.Split('\n', 2)[0];
        var colon = firstLine.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 && firstLine[..colon].All(c => char.IsAsciiLetterOrDigit(c) || c == '-');
    }
}

/// <summary>The decrypted content of Apple's server token. Only the expiry matters to Intune's visible state.</summary>
internal sealed record ServerToken(string ConsumerKey, DateTimeOffset AccessTokenExpiry)
{
    /// <summary>Apple wraps the JSON in MIME headers and -----BEGIN MESSAGE----- armour; tolerate that and bare JSON alike.</summary>
    public static ServerToken? TryParse(string content)
    {
        var start = content.IndexOf('{', StringComparison.Ordinal);
        var end = content.LastIndexOf('}');
        if (start < 0 || end <= start)
        {
            return null;
        }

        try
        {
            if (JsonNode.Parse(content[start..(end + 1)]) is not JsonObject o)
            {
                return null;
            }

            string? Get(string name) => o[name] is JsonValue v && v.TryGetValue<string>(out var s) && s.Length > 0 ? s : null;
            var consumerKey = Get("consumer_key");
            if (consumerKey is null || Get("consumer_secret") is null || Get("access_token") is null || Get("access_secret") is null)
            {
                return null;
            }

            var expiryText = Get("access_token_expiry");
            if (expiryText is null || !DateTimeOffset.TryParse(expiryText, System.Globalization.CultureInfo.InvariantCulture,
                    System.Globalization.DateTimeStyles.AssumeUniversal, out var expiry))
            {
                return null;
            }

            return new ServerToken(consumerKey, expiry);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
