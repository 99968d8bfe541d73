BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-AdeTestModulePath) -Force
    $script:sim = Start-AdeSimulator -Scenario 'demo.json'
}

AfterAll {
    Disconnect-AdeGraph
    Stop-AdeSimulator $script:sim
}

Describe 'Connect-AdeGraph' {
    AfterEach { Disconnect-AdeGraph }

    It 'connects with an access token and returns a context without the token' {
        $token = New-AdeSimToken -Simulator $sim -Roles 'DeviceManagementServiceConfig.Read.All'
        $context = Connect-AdeGraph -AccessToken (ConvertTo-SecureString $token -AsPlainText -Force) -GraphEndpoint $sim.Url
        $context.GetType().FullName | Should -Be 'AdeTokens.GraphContext'
        $context.AuthType | Should -Be 'AccessToken'
        $context.Roles | Should -Contain 'DeviceManagementServiceConfig.Read.All'
        $context.CanRead | Should -BeTrue
        $context.CanWrite | Should -BeFalse
        $context.GraphEndpoint.ToString() | Should -BeLike "$($sim.Url)*"
        ($context | Format-List * | Out-String) | Should -Not -Match ([regex]::Escape($token.Substring(20, 30)))
        (Get-AdeGraphContext).TenantId | Should -Be $context.TenantId
    }

    It 'connects with a managed identity through the IDENTITY_ENDPOINT protocol' {
        $env:IDENTITY_ENDPOINT = "$($sim.Url)/msi/token"
        $env:IDENTITY_HEADER = $sim.IdentityHeader
        try {
            $context = Connect-AdeGraph -Identity -GraphEndpoint $sim.Url
            $context.AuthType | Should -Be 'ManagedIdentity'
            $context.Roles | Should -Contain 'DeviceManagementServiceConfig.ReadWrite.All'
            @(Get-AdeTokenStatus).Count | Should -BeGreaterThan 0
        }
        finally {
            Remove-Item Env:IDENTITY_ENDPOINT, Env:IDENTITY_HEADER -ErrorAction SilentlyContinue
        }
    }

    It 'refuses plain http to a non-loopback host with InvalidGraphEndpoint' {
        $token = New-AdeSimToken -Simulator $sim
        $err = { Connect-AdeGraph -AccessToken (ConvertTo-SecureString $token -AsPlainText -Force) -GraphEndpoint 'http://graph.contoso.example' } |
            Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'InvalidGraphEndpoint,*'
        $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $err.TargetObject.ToString() | Should -Be 'http://graph.contoso.example/'
        Get-AdeGraphContext | Should -BeNullOrEmpty
    }

    It 'binds <Set> parameters to the <Set> parameter set' -ForEach @(
        @{ Set = 'Interactive'; Params = @{ TenantId = 'contoso.onmicrosoft.com' } }
        @{ Set = 'Interactive'; Params = @{ UseDeviceCode = $true } }
        @{ Set = 'ClientSecret'; Params = @{ TenantId = 't'; ClientId = 'c'; ClientSecret = (ConvertTo-SecureString 'x' -AsPlainText -Force) } }
        @{ Set = 'CertificateThumbprint'; Params = @{ TenantId = 't'; ClientId = 'c'; CertificateThumbprint = 'ABC' } }
        @{ Set = 'ManagedIdentity'; Params = @{ Identity = $true; ManagedIdentityClientId = 'mi' } }
        @{ Set = 'AccessToken'; Params = @{ AccessToken = (ConvertTo-SecureString 'x' -AsPlainText -Force) } }
    ) {
        $cmd = Get-Command Connect-AdeGraph
        $names = [string[]]$Params.Keys
        $matching = $cmd.ParameterSets | Where-Object {
            $setParams = $_.Parameters.Name
            $mandatory = ($_.Parameters | Where-Object IsMandatory).Name
            (@($names | Where-Object { $_ -notin $setParams }).Count -eq 0) -and (@(@($mandatory) | Where-Object { $_ -and $_ -notin $names }).Count -eq 0)
        }
        $matching.Name | Should -Contain $Set
    }

    It 'reports a missing certificate thumbprint as CertificateNotFound' {
        $err = { Connect-AdeGraph -TenantId 't' -ClientId 'c' -CertificateThumbprint 'ABCDEF0123456789ABCDEF0123456789ABCDEF01' } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'CertificateNotFound,*'
        $err.CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $err.TargetObject | Should -Be 'ABCDEF0123456789ABCDEF0123456789ABCDEF01'
    }

    It 'builds the client-secret credential, fails sign-in cleanly, and never shows the secret' {
        $secret = 'Sup3r-S3cret-' + [guid]::NewGuid()
        $env:AZURE_AUTHORITY_HOST = 'https://127.0.0.1:1'
        try {
            $all = & {
                try {
                    Connect-AdeGraph -TenantId 'contoso.onmicrosoft.com' -ClientId ([guid]::NewGuid()) -ClientSecret (ConvertTo-SecureString $secret -AsPlainText -Force) -GraphEndpoint $sim.Url -Verbose -Debug
                }
                catch { $_ }
            } *>&1
        }
        finally { Remove-Item Env:AZURE_AUTHORITY_HOST }
        $err = $all | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] } | Select-Object -Last 1
        $err.FullyQualifiedErrorId | Should -BeLike 'AuthenticationFailed,*'
        $err.CategoryInfo.Category | Should -Be 'AuthenticationError'
        $text = ($all | ForEach-Object { $_; if ($_ -is [System.Management.Automation.ErrorRecord]) { $_.Exception.ToString() } } | Out-String)
        $text | Should -Not -Match ([regex]::Escape($secret))
        Get-AdeGraphContext | Should -BeNullOrEmpty
    }

    It 'builds the certificate credential and fails sign-in as AuthenticationFailed' {
        $rsa = [System.Security.Cryptography.RSA]::Create(2048)
        $req = [System.Security.Cryptography.X509Certificates.CertificateRequest]::new('CN=AdeTokens test app', $rsa, 'SHA256', [System.Security.Cryptography.RSASignaturePadding]::Pkcs1)
        $cert = $req.CreateSelfSigned([DateTimeOffset]::UtcNow.AddDays(-1), [DateTimeOffset]::UtcNow.AddDays(1))
        $env:AZURE_AUTHORITY_HOST = 'https://127.0.0.1:1'
        try {
            $err = { Connect-AdeGraph -TenantId 'contoso.onmicrosoft.com' -ClientId ([guid]::NewGuid()) -Certificate $cert -GraphEndpoint $sim.Url } | Should -Throw -PassThru
        }
        finally { Remove-Item Env:AZURE_AUTHORITY_HOST }
        $err.FullyQualifiedErrorId | Should -BeLike 'AuthenticationFailed,*'
        $err.TargetObject | Should -Be 'contoso.onmicrosoft.com'
    }

    It 'refuses a certificate without its private key before any sign-in' {
        $rsa = [System.Security.Cryptography.RSA]::Create(2048)
        $req = [System.Security.Cryptography.X509Certificates.CertificateRequest]::new('CN=public only', $rsa, 'SHA256', [System.Security.Cryptography.RSASignaturePadding]::Pkcs1)
        $withKey = $req.CreateSelfSigned([DateTimeOffset]::UtcNow.AddDays(-1), [DateTimeOffset]::UtcNow.AddDays(1))
        $publicOnly = [System.Security.Cryptography.X509Certificates.X509Certificate2]::new($withKey.Export('Cert'))
        $err = { Connect-AdeGraph -TenantId 't' -ClientId 'c' -Certificate $publicOnly -GraphEndpoint $sim.Url } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'InvalidConnectionParameters,*'
        $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $err.Exception.Message | Should -Match 'no private key'
    }

    It 'writes no access token to any stream, verbose and debug included' {
        $token = New-AdeSimToken -Simulator $sim -Roles 'DeviceManagementServiceConfig.Read.All'
        $all = & {
            Connect-AdeGraph -AccessToken (ConvertTo-SecureString $token -AsPlainText -Force) -GraphEndpoint $sim.Url -Verbose -Debug
            Get-AdeTokenStatus -Verbose -Debug | Format-List * | Out-String
            Get-AdeGraphContext | Format-List * | Out-String
        } *>&1 | Out-String
        $all | Should -Match 'GET http://127\.0\.0\.1'
        $all | Should -Not -Match ([regex]::Escape($token.Split('.')[1].Substring(0, 24)))
        $all | Should -Not -Match ([regex]::Escape($token.Split('.')[2]))
    }

    It 'keeps connections per runspace' {
        $other = Start-AdeSimulator -Scenario 'paging.json'
        try {
            Connect-AdeSimulator -Simulator $sim | Out-Null
            $mine = @(Get-AdeTokenStatus).Count
            $tokenForOther = New-AdeSimToken -Simulator $other -Roles 'DeviceManagementServiceConfig.Read.All'
            $module = Get-AdeTestModulePath
            $counts = @(
                @{ Url = $other.Url; Token = $tokenForOther }
                @{ Url = $null; Token = $null }
            ) | ForEach-Object -ThrottleLimit 2 -Parallel {
                Import-Module $using:module
                if ($_.Url) {
                    Connect-AdeGraph -AccessToken (ConvertTo-SecureString $_.Token -AsPlainText -Force) -GraphEndpoint $_.Url | Out-Null
                    "connected:$(@(Get-AdeTokenStatus).Count)"
                }
                else {
                    try { Get-AdeTokenStatus; 'unexpected' } catch { "error:$($_.FullyQualifiedErrorId)" }
                }
            }
            $counts | Should -Contain 'connected:7'
            ($counts | Where-Object { $_ -like 'error:*' }) | Should -BeLike 'error:NotConnected,*'
            @(Get-AdeTokenStatus).Count | Should -Be $mine
            (Get-AdeGraphContext).GraphEndpoint.ToString() | Should -BeLike "$($sim.Url)*"
        }
        finally { Stop-AdeSimulator $other }
    }
}

Describe 'Disconnect-AdeGraph and the not-connected error' {
    It 'clears the context and later calls fail with NotConnected' {
        Connect-AdeSimulator -Simulator $sim | Out-Null
        (Disconnect-AdeGraph -PassThru).AuthType | Should -Be 'AccessToken'
        Get-AdeGraphContext | Should -BeNullOrEmpty
        $err = { Get-AdeTokenStatus } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'NotConnected,*'
        $err.CategoryInfo.Category | Should -Be 'ConnectionError'
        $err.Exception.Message | Should -Match 'Connect-AdeGraph'
    }
}
