using System;

namespace AdeTokens
{
    /// <summary>
    /// The one shape every failure AdeTokens reports takes: a stable PascalCase id, a category, the offending
    /// input, what to do about it and, for Graph failures, the request-id. The cmdlet layer turns it into an
    /// ErrorRecord in one place, so every cmdlet reports the same failure the same way. Messages never carry
    /// secrets or file content.
    /// </summary>
    public abstract class AdeException : Exception
    {
        /// <summary>Creates the exception.</summary>
        protected AdeException(string message, string errorId, AdeErrorCategory category, object? target, string? recommendedAction, Exception? innerException)
            : base(message, innerException)
        {
            ErrorId = errorId ?? throw new ArgumentNullException(nameof(errorId));
            Category = category;
            Target = target;
            RecommendedAction = recommendedAction;
        }

        /// <summary>Stable PascalCase id: scripts and FullyQualifiedErrorId depend on it, so it is never renamed.</summary>
        public string ErrorId { get; }

        /// <summary>The ErrorCategory the failure is reported under.</summary>
        public AdeErrorCategory Category { get; }

        /// <summary>The offending input (id, serial number, path, parameter name), when Core knows it; the cmdlet may give its own.</summary>
        public object? Target { get; protected set; }

        /// <summary>What the admin should do.</summary>
        public string? RecommendedAction { get; set; }

        /// <summary>Graph's request-id, for Microsoft support; null for failures that never reached Graph.</summary>
        public string? RequestId { get; set; }
    }
}
