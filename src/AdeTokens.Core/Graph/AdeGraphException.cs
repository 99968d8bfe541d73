using System;
namespace AdeTokens.Graph
{
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
