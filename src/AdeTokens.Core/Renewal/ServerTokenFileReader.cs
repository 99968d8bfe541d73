using System;
using System.Globalization;
using System.IO;

namespace AdeTokens.Renewal
{
    /// <summary>Reads a server token file from disk with a size limit, turning every I/O failure into a ServerTokenException.</summary>
    internal static class ServerTokenFileReader
    {
        internal static byte[] Read(string path, long maxBytes, out string fullPath)
        {
            if (path.Trim().Length == 0)
            {
                throw new ServerTokenException(ServerTokenErrorIds.TokenFileNotFound, "No server token file path was given.", ServerTokenErrors.NotFoundAction, path);
            }

            try
            {
                fullPath = Path.GetFullPath(path);
            }
            catch (Exception ex) when (ex is ArgumentException || ex is NotSupportedException || ex is PathTooLongException || ex is System.Security.SecurityException)
            {
                throw new ServerTokenException(ServerTokenErrorIds.TokenFileNotFound, string.Format(CultureInfo.InvariantCulture, "The server token path '{0}' is not a valid file path.", path), ServerTokenErrors.NotFoundAction, path, ex);
            }

            // The id stays TokenFileNotFound (scripts match on it); the wording is the shared one.
            if (Io.FolderPath.Check(fullPath, "server token path") is Io.PathIsFolderException isFolder)
            {
                throw new ServerTokenException(ServerTokenErrorIds.TokenFileNotFound, isFolder.Message, ServerTokenErrors.NotFoundAction, fullPath);
            }

            try
            {
                using (var stream = new FileStream(fullPath, FileMode.Open, FileAccess.Read, FileShare.Read))
                {
                    if (stream.Length > maxBytes)
                    {
                        throw ServerTokenErrors.TooLarge(fullPath, stream.Length, maxBytes);
                    }

                    // Read one byte past the limit so a file that grows while being read is still caught.
                    var buffer = new MemoryStream();
                    var chunk = new byte[8192];
                    int read;
                    while ((read = stream.Read(chunk, 0, chunk.Length)) > 0)
                    {
                        buffer.Write(chunk, 0, read);
                        if (buffer.Length > maxBytes)
                        {
                            throw ServerTokenErrors.TooLarge(fullPath, buffer.Length, maxBytes);
                        }
                    }

                    return buffer.ToArray();
                }
            }
            catch (Exception ex) when (ex is FileNotFoundException || ex is DirectoryNotFoundException)
            {
                string folder = Path.GetDirectoryName(fullPath) ?? string.Empty;
                string message = folder.Length > 0 && !Directory.Exists(folder)
                    ? string.Format(CultureInfo.InvariantCulture, "The server token file '{0}' does not exist: its folder '{1}' does not exist.", fullPath, folder)
                    : string.Format(CultureInfo.InvariantCulture, "The server token file '{0}' does not exist.", fullPath);
                throw new ServerTokenException(ServerTokenErrorIds.TokenFileNotFound, message, ServerTokenErrors.NotFoundAction, fullPath, ex);
            }
            catch (Exception ex) when (ex is UnauthorizedAccessException || (ex is IOException && !(ex is FileNotFoundException)))
            {
                throw new ServerTokenException(
                    ServerTokenErrorIds.TokenFileUnreadable,
                    string.Format(CultureInfo.InvariantCulture, "The server token file '{0}' could not be read: {1}", fullPath, ex.Message),
                    ServerTokenErrors.UnreadableAction,
                    fullPath,
                    ex);
            }
        }
    }
}
