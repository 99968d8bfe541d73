using System.Globalization;

namespace AdeTokens.Renewal
{
    /// <summary>The <see cref="ServerTokenException"/>s a server token file can cause, with their advice.</summary>
    internal static class ServerTokenErrors
    {
        // Downloading again invalidates the token Intune holds, so the file already in Downloads comes first.
        internal const string DownloadAgain =
            "First look in your downloads folder: Apple names the server token '<MDM server>_Token_<timestamp>_smime.p7m'. "
            + "Only if it is not there, download it again: in Apple Business Manager, " + RenewalGuide.AbmServerPath
            + ", and select Download Token. Downloading a new token invalidates the one Intune is using right away, so upload "
            + "the new file straight away, exactly as downloaded, without opening and re-saving it.";

        internal const string MismatchAction =
            "Use the token of the MDM server that holds this Intune token's public key: in Apple Business Manager, "
            + RenewalGuide.AbmServerPath + ", and select Download Token. If the MDM server is new or Intune issued a new key "
            + "(generateEncryptionPublicKey), first upload this token's current public key (.pem from getEncryptionPublicKey) to "
            + "the MDM server in Apple Business Manager (Edit MDM Server > Upload Public Key), then download the token again.";

        internal const string UnconfirmedAction =
            "Get the Intune public key as a certificate (Graph getEncryptionPublicKey) to confirm the match, or, if you are sure "
            + "the file belongs to this Intune token, continue without the recipient check.";

        internal const string NotFoundAction = "Check the path; browsers usually save the server token to Downloads. " + DownloadAgain;

        internal const string UnreadableAction =
            "Check that you can read the file (permissions, not locked by another program, download finished), or copy it to a local folder and try again.";

        internal static string Describe(string source) =>
            source.Length == 0 ? "The server token" : string.Format(CultureInfo.InvariantCulture, "The server token '{0}'", source);

        internal static ServerTokenException Empty(string source, string message) =>
            new ServerTokenException(ServerTokenErrorIds.TokenFileEmpty, message, "The download probably failed. " + DownloadAgain, source);

        internal static ServerTokenException TooLarge(string path, long size, long limit) => new ServerTokenException(
            ServerTokenErrorIds.TokenFileTooLarge,
            string.Format(CultureInfo.InvariantCulture, "The server token file '{0}' is {1:N0} bytes, over the {2:N0}-byte limit; Apple's server tokens are a few kilobytes.", path, size, limit),
            "Check that you picked the server token (.p7m, a few kilobytes) and not another file. If it really is the token, raise the size limit.",
            path);

        internal static ServerTokenException NotSmime(string source, string message) => new ServerTokenException(
            ServerTokenErrorIds.TokenFileNotSmime,
            message,
            "Pass the server token (.p7m) that Apple Business Manager produced, as downloaded; the Intune public key (.pem) and decrypted token data are not accepted. " + DownloadAgain,
            source);

        internal static ServerTokenException NotEnvelopedData(string source, string contentTypeOid)
        {
            string hint = contentTypeOid == CmsNames.OidSignedData
                ? " A signed message (such as a signed profile or e-mail) is not the server token."
                : string.Empty;
            return new ServerTokenException(
                ServerTokenErrorIds.TokenFileNotEnvelopedData,
                string.Format(CultureInfo.InvariantCulture, "{0} is a CMS {1} message, but Apple's server token is encrypted enveloped-data.{2}", Describe(source), CmsNames.ContentType(contentTypeOid), hint),
                "Pass the encrypted server token (.p7m) from Apple Business Manager. " + DownloadAgain,
                source);
        }

        internal static ServerTokenException Truncated(string source, string message) => new ServerTokenException(
            ServerTokenErrorIds.TokenFileTruncated,
            message,
            "The file was cut off in download or copy. " + DownloadAgain,
            source);

        internal static ServerTokenException Damaged(string source, string what, string detail) => new ServerTokenException(
            ServerTokenErrorIds.TokenFileTruncated,
            string.Format(CultureInfo.InvariantCulture, "{0} starts as CMS enveloped-data but is damaged: {1}. The file was changed or corrupted after download.", what, detail),
            "The file was altered after download (for example by an editor or a mail gateway). " + DownloadAgain,
            source);
    }
}
