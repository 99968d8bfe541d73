using System;
using System.IO;
using System.Management.Automation;

namespace AdeTokens
{
    // What -TokenFile names: one file (the old behaviour), or a folder / wildcard in which the newest new .p7m is taken.
    internal sealed class TokenFileWatch
    {
        public bool ExactFile { get; private set; }
        public string Path { get; private set; } = string.Empty;
        public string Folder { get; private set; } = string.Empty;
        public Func<string, bool> Matches { get; private set; } = _ => false;
        public string Display { get; private set; } = string.Empty;
        public string? Error { get; private set; }

        public static TokenFileWatch Resolve(string fullPath)
        {
            if (Directory.Exists(fullPath))
            {
                return new TokenFileWatch
                {
                    Folder = fullPath,
                    Matches = IsP7m,
                    Display = System.IO.Path.Combine(fullPath, "*.p7m"),
                };
            }
            var leaf = System.IO.Path.GetFileName(fullPath);
            var folder = System.IO.Path.GetDirectoryName(fullPath) ?? string.Empty;
            // Checked first: a wildcard in the folder with a plain file name would otherwise wait for a file literally named so.
            if (WildcardPattern.ContainsWildcardCharacters(folder))
            {
                return new TokenFileWatch { Error = $"-TokenFile '{fullPath}' has a wildcard in its folder; only the file name may have one." };
            }
            if (!WildcardPattern.ContainsWildcardCharacters(leaf))
            {
                return new TokenFileWatch { ExactFile = true, Path = fullPath, Display = fullPath };
            }
            if (!Directory.Exists(folder))
            {
                return new TokenFileWatch { Error = $"The folder '{folder}' of -TokenFile does not exist, so no server token can appear in it." };
            }
            var pattern = new WildcardPattern(leaf, WildcardOptions.IgnoreCase);
            return new TokenFileWatch
            {
                Folder = folder,
                // Only .p7m files: browsers first save a download as *.crdownload or *.part, which must not be taken half-written.
                Matches = name => IsP7m(name) && pattern.IsMatch(name),
                Display = fullPath,
            };
        }

        /// <summary>
        /// Throws TokenFilePatternInvalid for a wildcard in the folder or a missing folder, and TokenFileSameAsKeyPath
        /// when the key would overwrite the very file the server token is awaited in.
        /// </summary>
        public void EnsureUsable(string keyPath, string tokenFile)
        {
            if (Error != null)
                throw new RemediationException(RemediationErrorIds.TokenFilePatternInvalid, RemediationErrorKind.InvalidArgument,
                    Error, "Give a file path, a folder (the newest new .p7m in it is taken), or a wildcard in the file name only, such as ~/Downloads/*_smime.p7m.", tokenFile);
            if (ExactFile && string.Equals(keyPath, Path, StringComparison.OrdinalIgnoreCase))
                throw new RemediationException(RemediationErrorIds.TokenFileSameAsKeyPath, RemediationErrorKind.InvalidArgument,
                    $"-KeyPath and -TokenFile are the same file ('{keyPath}'). The public key goes to Apple; the server token comes back from Apple.",
                    "Give the server token its own path, for example server_token.p7m next to the key.", tokenFile);
        }

        private static bool IsP7m(string name) => name.EndsWith(".p7m", StringComparison.OrdinalIgnoreCase);
    }
}
