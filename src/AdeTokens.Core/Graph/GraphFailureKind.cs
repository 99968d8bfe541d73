namespace AdeTokens.Graph
{
    /// <summary>What kind of failure a Graph call ended in; the cmdlets map it to an ErrorCategory.</summary>
    public enum GraphFailureKind : long
    {
        /// <summary>401: the token was refused.</summary>
        Unauthenticated,
        /// <summary>403: a permission or Intune role is missing.</summary>
        PermissionDenied,
        /// <summary>404.</summary>
        NotFound,
        /// <summary>429 after the retries ran out.</summary>
        Throttled,
        /// <summary>5xx after the retries ran out.</summary>
        ServiceUnavailable,
        /// <summary>400 or 409: Graph rejected the request.</summary>
        InvalidRequest,
        /// <summary>No answer: DNS, TCP, TLS, timeout.</summary>
        Network,
        /// <summary>A token could not be obtained from Entra ID or the managed identity endpoint.</summary>
        AuthenticationFailed,
        /// <summary>Anything else.</summary>
        Other,
    }
}
