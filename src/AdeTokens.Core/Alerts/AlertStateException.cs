using System;

namespace AdeTokens.Alerts
{
    /// <summary>The alert state could not be read, saved or found where it was asked for.</summary>
    public sealed class AlertStateException : AdeException
    {
        internal AlertStateException(string message, string errorId, AdeErrorCategory category, object target, string action, Exception? inner = null)
            : base(message, errorId, category, target, action, inner)
        {
        }
    }
}
