using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using Azure.Identity;
using Microsoft.Graph.Models.ODataErrors;
using Microsoft.Kiota.Abstractions;

namespace AdeTokens.Graph
{
    /// <summary>Turns what Kiota, the retry handler and Azure.Identity throw into one AdeGraphException.</summary>
    public static class GraphErrorMapper
    {
        /// <summary>What a 403 says the caller needs besides the permission, for the Intune calls.</summary>
        public const string IntuneRoleNeed = " (application or delegated) and an Intune role that covers Apple enrollment programs.";

        /// <summary>Maps an exception raised while performing <paramref name="operation"/>.</summary>
        public static Exception Map(Exception ex, string operation, string requiredPermission)
            => Map(ex, operation, requiredPermission, null, null);

        /// <summary>
        /// Maps an exception raised while performing <paramref name="operation"/>. A 403 says what else the call needs
        /// with <paramref name="deniedNeed"/> (the text after the permission's name; the Intune role when null) and
        /// what to do with <paramref name="deniedAction"/>, so a call outside Intune (sendMail) speaks of its own rules.
        /// </summary>
        public static Exception Map(Exception ex, string operation, string requiredPermission, string? deniedNeed, string? deniedAction)
        {
            switch (ex)
            {
                case AdeGraphException _:
                case OperationCanceledException _:
                    return ex;
                case AggregateException agg:
                {
                    // Kiota's RetryHandler gives up with an AggregateException holding one ApiException per attempt.
                    var last = agg.Flatten().InnerExceptions.LastOrDefault();
                    if (last is null) break;
                    var mapped = Map(last, operation, requiredPermission, deniedNeed, deniedAction);
                    if (mapped is AdeGraphException age)
                    {
                        var retried = new AdeGraphException($"{age.Message} Graph kept refusing after {agg.Flatten().InnerExceptions.Count} attempts.", age.Kind, ex)
                        {
                            StatusCode = age.StatusCode, GraphErrorCode = age.GraphErrorCode, RequestId = age.RequestId,
                            ClientRequestId = age.ClientRequestId, RequiredPermission = age.RequiredPermission,
                            Operation = operation, RecommendedAction = age.RecommendedAction,
                        };
                        return retried;
                    }
                    return mapped;
                }
                case ApiException api:
                    return FromApi(api, operation, requiredPermission, deniedNeed, deniedAction);
                case CredentialUnavailableException cu:
                    return new AdeGraphException($"No credential is available to {operation}: {FirstLine(cu.Message)}", GraphFailureKind.AuthenticationFailed, ex)
                    {
                        Operation = operation,
                        RecommendedAction = "For -Identity, run inside Azure Automation, an Azure VM or Functions with a managed identity enabled; otherwise choose another sign-in method.",
                    };
                case AuthenticationFailedException auth:
                    return new AdeGraphException($"Could not get an access token to {operation}: {FirstLine(auth.Message)}", GraphFailureKind.AuthenticationFailed, ex)
                    {
                        Operation = operation,
                        RecommendedAction = "Check the tenant id, client id and credential, or for a managed identity that it is enabled and has Graph app roles. Then run Connect-AdeGraph again.",
                    };
                case HttpRequestException http:
                    return new AdeGraphException($"Could not reach Microsoft Graph to {operation}: {FirstLine(http.Message)}", GraphFailureKind.Network, ex)
                    {
                        Operation = operation,
                        RecommendedAction = "Check network access to the Graph endpoint (proxy, firewall, DNS) and try again.",
                    };
            }
            if (ex.InnerException is HttpRequestException || ex.InnerException is ApiException || ex.InnerException is AuthenticationFailedException)
                return Map(ex.InnerException, operation, requiredPermission, deniedNeed, deniedAction);
            return ex;
        }

        private static AdeGraphException FromApi(ApiException api, string operation, string requiredPermission, string? deniedNeed, string? deniedAction)
        {
            var status = api.ResponseStatusCode;
            string? code = null, message = null, requestId = null, clientRequestId = null, date = null;
            if (api is ODataError odata && odata.Error != null)
            {
                code = odata.Error.Code;
                message = odata.Error.Message;
                requestId = odata.Error.InnerError?.RequestId;
                clientRequestId = odata.Error.InnerError?.ClientRequestId;
                date = odata.Error.InnerError?.Date?.ToString("u");
            }
            requestId ??= Header(api.ResponseHeaders, "request-id");
            clientRequestId ??= Header(api.ResponseHeaders, "client-request-id");
            var kind = status switch
            {
                401 => GraphFailureKind.Unauthenticated,
                403 => GraphFailureKind.PermissionDenied,
                404 => GraphFailureKind.NotFound,
                429 => GraphFailureKind.Throttled,
                400 => GraphFailureKind.InvalidRequest,
                409 => GraphFailureKind.InvalidRequest,
                _ when status >= 500 => GraphFailureKind.ServiceUnavailable,
                _ => GraphFailureKind.Other,
            };
            var ids = requestId != null ? $" request-id: {requestId}" + (date != null ? $", date: {date}" : string.Empty) + "." : string.Empty;
            var graphSays = string.IsNullOrWhiteSpace(message) ? string.Empty : $" Graph said: {(code != null ? code + ": " : string.Empty)}{FirstLine(message!)}";
            string text, action;
            switch (kind)
            {
                case GraphFailureKind.PermissionDenied:
                    text = $"Microsoft Graph denied the request to {operation} (403 Forbidden). It needs the Graph permission {requiredPermission}{deniedNeed ?? IntuneRoleNeed}{graphSays}{ids}";
                    action = deniedAction ?? $"Grant {requiredPermission} to the app or managed identity (admin consent for application permissions), or sign in with -Scopes {requiredPermission}, then run Connect-AdeGraph again.";
                    break;
                case GraphFailureKind.Unauthenticated:
                    text = $"Microsoft Graph refused the access token while trying to {operation} (401 Unauthorized). The token may have expired or be meant for another service.{graphSays}{ids}";
                    action = "Run Connect-AdeGraph again to get a fresh token for Microsoft Graph.";
                    break;
                case GraphFailureKind.Throttled:
                    text = $"Microsoft Graph throttled the request to {operation} (429 Too Many Requests) and the retries ran out.{graphSays}{ids}";
                    action = "Wait a minute and try again; Intune allows 1000 requests per 20 seconds per app per tenant. Use Connect-AdeGraph -MaxRetry to retry longer.";
                    break;
                case GraphFailureKind.ServiceUnavailable:
                    text = $"Microsoft Graph could not {operation} ({status}) and the retries ran out.{graphSays}{ids}";
                    action = "Try again later. If it persists, check the Microsoft 365 service health for Intune and give Microsoft support the request-id.";
                    break;
                case GraphFailureKind.NotFound:
                    text = $"Microsoft Graph found nothing to {operation} (404 Not Found).{graphSays}{ids}";
                    action = "Check the id. Get-AdeTokenStatus lists the tokens that exist.";
                    break;
                default:
                    text = $"Microsoft Graph rejected the request to {operation} ({status}).{graphSays}{ids}";
                    action = "Check the input. If it looks right, give Microsoft support the request-id.";
                    break;
            }
            return new AdeGraphException(text, kind, api)
            {
                StatusCode = status, GraphErrorCode = code, RequestId = requestId, ClientRequestId = clientRequestId,
                RequiredPermission = requiredPermission, Operation = operation, RecommendedAction = action,
            };
        }

        private static string? Header(IDictionary<string, IEnumerable<string>>? headers, string name)
        {
            if (headers is null) return null;
            foreach (var kv in headers)
            {
                if (string.Equals(kv.Key, name, StringComparison.OrdinalIgnoreCase)) return kv.Value?.FirstOrDefault();
            }
            return null;
        }

        private static string FirstLine(string s)
        {
            var i = s.IndexOfAny(new[] { '\r', '\n' });
            return (i >= 0 ? s.Substring(0, i) : s).Trim();
        }
    }
}
