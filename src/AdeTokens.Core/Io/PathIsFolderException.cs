namespace AdeTokens.Io
{
    /// <summary>
    /// A folder given where a file is expected. One wording for every cmdlet ("is a folder, not a file"), so
    /// the admin reads the same sentence whether it came from -OutFile, -Path or -TokenFile.
    /// </summary>
    public sealed class PathIsFolderException : AdeException
    {
        /// <summary>The stable error id the cmdlets use for this failure.</summary>
        public const string DefaultErrorId = "PathIsFolder";

        /// <summary>Creates the exception.</summary>
        public PathIsFolderException(string errorId, string message, string recommendedAction, string path)
            : base(message, errorId, AdeErrorCategory.InvalidArgument, path, recommendedAction, null)
        {
            Path = path;
        }

        /// <summary>The folder's full path.</summary>
        public string Path { get; }
    }
}
