using System.Collections.Generic;
using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;

namespace AdeTokens.Renewal
{
    /// <summary>
    /// Reads the recipients and content-encryption algorithm of CMS enveloped data with the platform's EnvelopedCms.
    /// The probe runs first, only so that a cut-off or altered file gets a message that says so.
    /// </summary>
    internal static class EnvelopedDataReader
    {
        internal static void Read(ServerTokenContent content, string source, out IReadOnlyList<ServerTokenRecipient> recipients, out Oid algorithm)
        {
            byte[] cms = content.Cms;
            string name = ServerTokenErrors.Describe(source);
            string what = content.Format == ServerTokenFile.FormatDer ? name : "The base64 content of " + char.ToLowerInvariant(name[0]) + name.Substring(1);
            string note = content.HeaderNote == null ? string.Empty : " " + content.HeaderNote;
            if (cms[0] != 0x30)
            {
                throw ServerTokenErrors.NotSmime(source, string.Format(CultureInfo.InvariantCulture, "{0} is not a CMS (PKCS #7) structure: it does not start with an ASN.1 SEQUENCE.{1}", what, note));
            }

            CmsProbe.Shape peek = CmsProbe.PeekContentType(cms, out string? oid);
            if (peek == CmsProbe.Shape.EndsEarly)
            {
                throw ServerTokenErrors.Truncated(source, string.Format(CultureInfo.InvariantCulture, "{0} ends before the CMS content type ({1} bytes decoded), so the file was cut off.", what, cms.Length));
            }

            if (oid == null)
            {
                throw ServerTokenErrors.NotSmime(source, string.Format(CultureInfo.InvariantCulture, "{0} is not a CMS (PKCS #7) structure: it does not start with a content type.{1}", what, note));
            }

            if (!CmsNames.IsCmsContentType(oid))
            {
                throw ServerTokenErrors.NotSmime(source, string.Format(CultureInfo.InvariantCulture, "{0} is ASN.1 but not a CMS (PKCS #7) message: its first object identifier is {1}.{2}", what, oid, note));
            }

            if (oid != CmsNames.OidEnvelopedData)
            {
                throw ServerTokenErrors.NotEnvelopedData(source, oid);
            }

            CmsProbe.Shape shape = CmsProbe.Walk(cms, out int end);
            if (shape == CmsProbe.Shape.EndsEarly)
            {
                throw ServerTokenErrors.Truncated(source, string.Format(
                    CultureInfo.InvariantCulture,
                    "{0} starts as CMS enveloped-data but ends before the structure is complete ({1} bytes decoded{2}), so the file was cut off.",
                    what,
                    cms.Length,
                    content.Base64Incomplete ? "; the base64 also stops mid-group" : string.Empty));
            }

            if (shape == CmsProbe.Shape.Malformed)
            {
                throw ServerTokenErrors.Damaged(source, what, "its ASN.1 lengths become inconsistent part way through");
            }

            if (end < cms.Length || content.Base64Incomplete)
            {
                throw ServerTokenErrors.Damaged(source, what, "it has extra data after the end of the CMS structure");
            }

            var list = new List<ServerTokenRecipient>();
            try
            {
                var envelope = new EnvelopedCms();
                envelope.Decode(cms);
                algorithm = envelope.ContentEncryptionAlgorithm.Oid;
                foreach (RecipientInfo info in envelope.RecipientInfos)
                {
                    list.Add(ServerTokenRecipient.From(info));
                }
            }
            catch (CryptographicException)
            {
                throw ServerTokenErrors.Damaged(source, what, "a field inside the enveloped-data has the wrong type or value");
            }

            if (list.Count == 0)
            {
                throw ServerTokenErrors.Damaged(source, what, "the enveloped-data lists no recipients");
            }

            recipients = list;
        }
    }
}
