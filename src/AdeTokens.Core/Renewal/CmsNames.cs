using System;
using System.Collections.Generic;
using System.Security.Cryptography;

namespace AdeTokens.Renewal
{
    /// <summary>Names for the object identifiers that appear in messages about server token files and keys.</summary>
    internal static class CmsNames
    {
        internal const string OidEnvelopedData = "1.2.840.113549.1.7.3";
        internal const string OidSignedData = "1.2.840.113549.1.7.2";

        // Named so an error can say what the file actually is.
        private static readonly Dictionary<string, string> ContentTypes = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["1.2.840.113549.1.7.1"] = "data",
            [OidSignedData] = "signed-data",
            [OidEnvelopedData] = "enveloped-data",
            ["1.2.840.113549.1.7.4"] = "signed-and-enveloped-data",
            ["1.2.840.113549.1.7.5"] = "digested-data",
            ["1.2.840.113549.1.7.6"] = "encrypted-data",
            ["1.2.840.113549.1.9.16.1.2"] = "authenticated-data",
            ["1.2.840.113549.1.9.16.1.9"] = "compressed-data",
            ["1.2.840.113549.1.9.16.1.23"] = "authenticated-enveloped-data",
        };

        // Oid.FriendlyName differs between Windows CAPI, OpenSSL, Mono and .NET versions, so the names are fixed here.
        private static readonly Dictionary<string, string> Algorithms = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["2.16.840.1.101.3.4.1.2"] = "AES-128-CBC",
            ["2.16.840.1.101.3.4.1.22"] = "AES-192-CBC",
            ["2.16.840.1.101.3.4.1.42"] = "AES-256-CBC",
            ["2.16.840.1.101.3.4.1.6"] = "AES-128-GCM",
            ["2.16.840.1.101.3.4.1.26"] = "AES-192-GCM",
            ["2.16.840.1.101.3.4.1.46"] = "AES-256-GCM",
            ["1.2.840.113549.3.7"] = "3DES-CBC",
            ["1.2.840.113549.3.2"] = "RC2-CBC",
            ["1.2.840.113549.3.4"] = "RC4",
            ["1.3.14.3.2.7"] = "DES-CBC",
            ["1.2.840.113549.1.1.1"] = "RSA",
            ["1.2.840.113549.1.1.7"] = "RSA-OAEP",
            ["1.2.840.10045.2.1"] = "EC",
            ["1.3.101.110"] = "X25519",
            ["1.3.101.112"] = "Ed25519",
        };

        internal static bool IsCmsContentType(string oid) =>
            ContentTypes.ContainsKey(oid)
            || oid.StartsWith("1.2.840.113549.1.7.", StringComparison.Ordinal)
            || oid.StartsWith("1.2.840.113549.1.9.16.1.", StringComparison.Ordinal);

        internal static string ContentType(string oid) => ContentTypes.TryGetValue(oid, out string? name) ? name : oid;

        internal static string Algorithm(Oid? oid)
        {
            string? value = oid?.Value;
            if (value == null)
            {
                return "unknown";
            }

            if (Algorithms.TryGetValue(value, out string? name))
            {
                return name;
            }

            string? friendly = oid!.FriendlyName;
            return string.IsNullOrEmpty(friendly) ? value : friendly!;
        }
    }
}
