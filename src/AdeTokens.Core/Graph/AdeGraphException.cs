using System;

namespace AdeTokens.Graph
{
    /// <summary>What kind of failure a Graph call ended in; the cmdlets map it to an ErrorCategory.</summary>
    public enum GraphFailureKind
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

    /// <summary>A Graph call that failed, with what an admin needs to fix it.</summary>
    public sealed class AdeGraphException : AdeException
    {
        /// <summary>Creates the exception.</summary>
        public AdeGraphException(string message, GraphFailureKind kind, Exception? inner = null)
            : base(message, IdOf(kind), CategoryOf(kind), null, null, inner)
        {
            Kind = kind;
        }

        /// <summary>Kind of failure.</summary>
        public GraphFailureKind Kind { get; }
        /// <summary>HTTP status, when there was a response.</summary>
        public int? StatusCode { get; set; }
        /// <summary>Graph's error code (error.code).</summary>
        public string? GraphErrorCode { get; set; }
        /// <summary>The client-request-id we sent.</summary>
        public string? ClientRequestId { get; set; }
        /// <summary>The least-privileged Graph permission the operation needs.</summary>
        public string? RequiredPermission { get; set; }
        /// <summary>What we were doing, e.g. "list ADE tokens".</summary>
        public string? Operation { get; set; }

        private static string IdOf(GraphFailureKind kind) => kind switch
        {
            GraphFailureKind.PermissionDenied => "GraphPermissionDenied",
            GraphFailureKind.Unauthenticated => "GraphUnauthenticated",
            GraphFailureKind.NotFound => "GraphNotFound",
            GraphFailureKind.Throttled => "GraphThrottled",
            GraphFailureKind.ServiceUnavailable => "GraphServiceUnavailable",
            GraphFailureKind.InvalidRequest => "GraphRequestRejected",
            GraphFailureKind.Network => "GraphUnreachable",
            GraphFailureKind.AuthenticationFailed => "AuthenticationFailed",
            _ => "GraphRequestFailed",
        };

        private static AdeErrorCategory CategoryOf(GraphFailureKind kind) => kind switch
        {
            GraphFailureKind.PermissionDenied => AdeErrorCategory.PermissionDenied,
            GraphFailureKind.Unauthenticated => AdeErrorCategory.AuthenticationError,
            GraphFailureKind.NotFound => AdeErrorCategory.ObjectNotFound,
            GraphFailureKind.Throttled => AdeErrorCategory.LimitsExceeded,
            GraphFailureKind.ServiceUnavailable => AdeErrorCategory.ResourceUnavailable,
            GraphFailureKind.InvalidRequest => AdeErrorCategory.InvalidOperation,
            GraphFailureKind.Network => AdeErrorCategory.ConnectionError,
            GraphFailureKind.AuthenticationFailed => AdeErrorCategory.AuthenticationError,
            _ => AdeErrorCategory.InvalidResult,
        };
    }
}
