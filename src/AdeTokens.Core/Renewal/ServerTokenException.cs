using System;
namespace AdeTokens.Renewal
{
    /// <summary>
    /// A server token file or Intune public key that cannot be used for renewal. The message never contains
    /// the file's content, so it is safe to log and to show in transcripts.
    /// </summary>
    public sealed class ServerTokenException : AdeException
    {
        /// <summary>Creates the exception.</summary>
        /// <param name="errorId">One of <see cref="ServerTokenErrorIds"/>.</param>
        /// <param name="message">What is wrong, without any of the file's content.</param>
        /// <param name="recommendedAction">What the admin should do to fix it.</param>
        /// <param name="target">The file path or source the error is about, if any.</param>
        /// <param name="innerException">The underlying exception, if any.</param>
        public ServerTokenException(string errorId, string message, string recommendedAction, string? target = null, Exception? innerException = null)
            : base(message, errorId, CategoryOf(errorId), target, recommendedAction ?? throw new ArgumentNullException(nameof(recommendedAction)), innerException)
        {
        }

        private static AdeErrorCategory CategoryOf(string errorId) => errorId switch
        {
            ServerTokenErrorIds.TokenFileNotFound => AdeErrorCategory.ObjectNotFound,
            ServerTokenErrorIds.TokenFileUnreadable => AdeErrorCategory.ReadError,
            ServerTokenErrorIds.TokenFileTooLarge => AdeErrorCategory.LimitsExceeded,
            ServerTokenErrorIds.TokenRecipientMismatch => AdeErrorCategory.InvalidArgument,
            ServerTokenErrorIds.TokenRecipientUnconfirmed => AdeErrorCategory.SecurityError,
            ServerTokenErrorIds.PublicKeyUnreadable => AdeErrorCategory.InvalidResult,
            _ => AdeErrorCategory.InvalidData,
        };
    }
}
