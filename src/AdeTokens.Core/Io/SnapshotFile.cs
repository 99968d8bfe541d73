using System.Collections.Generic;
using System.IO;
using AdeTokens.Graph.Models;

namespace AdeTokens.Io
{
    /// <summary>Test-AdeTokenHealth -Path: a saved depOnboardingSettings response read as the tokens to check.</summary>
    public static class SnapshotFile
    {
        /// <summary>
        /// The tokens in the file at <paramref name="fullPath"/>. Throws PathIsFolderException for a folder,
        /// SnapshotFileException when it does not exist, SnapshotFormatException for a file that is not a snapshot,
        /// and IOException when it cannot be read.
        /// </summary>
        public static IReadOnlyList<DepOnboardingSetting> Read(string fullPath)
        {
            if (FolderPath.Check(fullPath, "snapshot file", "depOnboardingSettings.json") is PathIsFolderException folder) throw folder;
            if (!File.Exists(fullPath)) throw SnapshotFileException.NotFound(fullPath);
            return SnapshotReader.ReadFile(fullPath);
        }
    }
}
