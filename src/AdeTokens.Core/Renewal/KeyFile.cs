using System;
using System.IO;
using System.Security;
using System.Text;

namespace AdeTokens.Renewal
{
    /// <summary>Writes the public key PEM that the admin uploads to Apple Business Manager.</summary>
    public static class KeyFile
    {
        private static readonly UTF8Encoding s_utf8NoBom = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

        /// <summary>True when <paramref name="fullPath"/> exists and already holds exactly <paramref name="pem"/> (line endings aside).</summary>
        public static bool HasSameContent(string fullPath, string pem)
        {
            try
            {
                if (!File.Exists(fullPath)) return false;
                var existing = File.ReadAllText(fullPath);
                return string.Equals(Canonical(existing), Canonical(pem), StringComparison.Ordinal);
            }
            catch (IOException)
            {
                return false;
            }
            catch (UnauthorizedAccessException)
            {
                return false;
            }
        }

        /// <summary>
        /// Writes <paramref name="pem"/> (ASCII, no BOM) to <paramref name="fullPath"/>. Without
        /// <paramref name="overwrite"/> the file is created only if it does not exist, atomically, so a key is
        /// never silently replaced. Throws RemediationException OutFileExists or OutFileWriteFailed.
        /// </summary>
        public static void Write(string fullPath, string pem, bool overwrite)
        {
            if (string.IsNullOrEmpty(fullPath)) throw new ArgumentException("The path is empty.", nameof(fullPath));
            if (pem is null) throw new ArgumentNullException(nameof(pem));
            if (!overwrite && File.Exists(fullPath)) throw Exists(fullPath);
            try
            {
                using var stream = new FileStream(fullPath, overwrite ? FileMode.Create : FileMode.CreateNew, FileAccess.Write, FileShare.None);
                var bytes = s_utf8NoBom.GetBytes(pem);
                stream.Write(bytes, 0, bytes.Length);
            }
            catch (IOException e) when (!overwrite && File.Exists(fullPath))
            {
                throw Exists(fullPath, e);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is SecurityException || e is NotSupportedException)
            {
                throw new RemediationException(RemediationErrorIds.OutFileWriteFailed, RemediationErrorKind.WriteFailed,
                    $"Could not write the public key to '{fullPath}': {e.Message}",
                    "Check that the folder exists and that you can write to it, or choose another path.", fullPath, e);
            }
        }

        /// <summary>OutFileExists for <paramref name="fullPath"/>.</summary>
        public static RemediationException Exists(string fullPath, Exception? inner = null) => new RemediationException(
            RemediationErrorIds.OutFileExists, RemediationErrorKind.AlreadyExists,
            $"The file '{fullPath}' already exists; it was not overwritten.",
            "Use -Force to overwrite it, or choose another path.", fullPath, inner);

        private static string Canonical(string s) => s.Replace("\r\n", "\n").Trim();
    }
}
