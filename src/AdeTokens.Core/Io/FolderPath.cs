using System.IO;
namespace AdeTokens.Io
{
    /// <summary>The shared "is a folder, not a file" check.</summary>
    public static class FolderPath
    {
        /// <summary>The sentence every cmdlet uses: "The &lt;role&gt; '&lt;path&gt;' is a folder, not a file."</summary>
        public static string Message(string role, string fullPath) => $"The {role} '{fullPath}' is a folder, not a file.";

        /// <summary>
        /// The exception for <paramref name="fullPath"/> when it is an existing folder, or null when it is not
        /// (a file, or nothing yet).
        /// </summary>
        /// <param name="fullPath">A full file-system path.</param>
        /// <param name="role">What the path is for, e.g. "-OutFile path" or "snapshot file".</param>
        /// <param name="exampleFileName">A file name to suggest inside the folder, e.g. "public_key.pem"; null for none.</param>
        /// <param name="errorId">The ErrorRecord id; PathIsFolder unless a cmdlet has kept an older id.</param>
        public static PathIsFolderException? Check(string fullPath, string role, string? exampleFileName = null, string errorId = PathIsFolderException.DefaultErrorId)
        {
            if (string.IsNullOrEmpty(fullPath) || !Directory.Exists(fullPath)) return null;
            var action = exampleFileName is null
                ? "Give the path of a file, not of the folder that holds it."
                : $"Give the path of a file, not of the folder that holds it: for example '{System.IO.Path.Combine(fullPath, exampleFileName)}'.";
            return new PathIsFolderException(errorId, Message(role, fullPath), action, fullPath);
        }
    }
}
