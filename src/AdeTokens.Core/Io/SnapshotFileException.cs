namespace AdeTokens.Io
{
    /// <summary>A snapshot file that is not there. The shape of one that is there but wrong is a SnapshotFormatException.</summary>
    public sealed class SnapshotFileException : AdeException
    {
        /// <summary>The stable id.</summary>
        public const string NotFoundErrorId = "SnapshotNotFound";

        private SnapshotFileException(string message, string errorId, AdeErrorCategory category, string path, string action)
            : base(message, errorId, category, path, action, null)
        {
        }

        /// <summary>SnapshotNotFound for <paramref name="fullPath"/>.</summary>
        public static SnapshotFileException NotFound(string fullPath) => new SnapshotFileException(
            $"The snapshot file '{fullPath}' does not exist.", NotFoundErrorId, AdeErrorCategory.ObjectNotFound, fullPath,
            "Check the path. A snapshot is the JSON body of GET /beta/deviceManagement/depOnboardingSettings.");
    }
}
