# Export-AdeTokenReport and ConvertTo-AdeTokenReport through the built module: every format, the format from the
# file's extension, file handling, encoding of hostile names, the JSON schema, and the HTML page in headless Chromium.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'BrowserHelpers.psm1') -Force
    Import-Module (Get-AdeTestModulePath) -Force
    $script:sim = Start-AdeSimulator -Scenario 'health-rules.json'
    Connect-AdeSimulator -Simulator $sim -Roles 'DeviceManagementServiceConfig.Read.All' | Out-Null
    $script:results = @(Test-AdeTokenHealth -WarningAction SilentlyContinue)

    # Offline input with a hostile name, an expired date and an unmapped sync error.
    $script:evilName = '<script>alert(1)</script> & "Co" =cmd'
    $snapshot = @{ value = @(
            @{ id = 'evil-1'; tokenName = $evilName; appleIdentifier = 'a@contoso.com'; tokenExpirationDateTime = [DateTime]::UtcNow.AddDays(-2).ToString('o')
               lastSuccessfulSyncDateTime = [DateTime]::UtcNow.AddHours(-1).ToString('o'); lastSyncTriggeredDateTime = [DateTime]::UtcNow.AddHours(-1).ToString('o')
               lastSyncErrorCode = 0; dataSharingConsentGranted = $true; lastModifiedDateTime = [DateTime]::UtcNow.AddDays(-300).ToString('o') }
            @{ id = 'fine-1'; tokenName = 'Fine ABM'; appleIdentifier = 'b@contoso.com'; tokenExpirationDateTime = [DateTime]::UtcNow.AddDays(200).ToString('o')
               lastSuccessfulSyncDateTime = [DateTime]::UtcNow.AddHours(-1).ToString('o'); lastSyncTriggeredDateTime = [DateTime]::UtcNow.AddHours(-1).ToString('o')
               lastSyncErrorCode = 0; dataSharingConsentGranted = $true; lastModifiedDateTime = [DateTime]::UtcNow.AddDays(-300).ToString('o') }
        ) } | ConvertTo-Json -Depth 5
    $script:snapshotPath = Join-Path $TestDrive 'evil.json'
    Set-Content -Path $snapshotPath -Value $snapshot
    $offline = @(Test-AdeTokenHealth -Path $snapshotPath)
    $script:evil = @($offline | Where-Object TokenId -eq 'evil-1')
    $script:fine = @($offline | Where-Object TokenId -eq 'fine-1')
}

AfterAll {
    Disconnect-AdeGraph
    Stop-AdeSimulator $script:sim
}

Describe 'ConvertTo-AdeTokenReport and Export-AdeTokenReport' {
    It 'returns one self-contained HTML string by default, most urgent first, with the summary line' {
        $html = $results | ConvertTo-AdeTokenReport
        $html | Should -BeOfType [string]
        @($html).Count | Should -Be 1
        $html | Should -Match '^<!DOCTYPE html>'
        $html | Should -Not -Match '<script'
        $html | Should -Not -Match '(src|href)="(?!https://learn\.microsoft\.com)'
        $html | Should -Not -Match '<link'
        $c = @($results | Where-Object Status -eq Critical).Count
        $w = @($results | Where-Object Status -eq Warning).Count
        $h = @($results | Where-Object Status -eq Healthy).Count
        $html | Should -Match ([regex]::Escape("$($results.Count) tokens: $h healthy, $w warning, $c critical."))
        $html | Should -Match 'Tenant: [0-9a-f-]{36}\.'
        $html | Should -Match 'Generated \d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ \(UTC\)'
        # Table order: most urgent first, whatever order the input came in.
        $rank = @{ Critical = 2; Warning = 1; Healthy = 0 }
        $html = ($results + $fine | Sort-Object { Get-Random }) | ConvertTo-AdeTokenReport
        $table = [regex]::Match($html, '<table id="tokens">.*?</table>', 'Singleline').Value
        $rows = @([regex]::Matches($table, '<tr><td class="status (\w+)">') | ForEach-Object { $rank[$_.Groups[1].Value] })
        $rows.Count | Should -Be ($results.Count + 1)
        $rows | Should -Be ($rows | Sort-Object -Descending)
        $rows[0] | Should -Be 2
        $rows[-1] | Should -Be 0
        $html | Should -Match '<details><summary>How to fix it \(\d+ steps?\)</summary>\s*<ol><li>'
        $html | Should -Match 'href="https://learn\.microsoft\.com/'
        # The APNs certificate of the simulated tenant: in the Apple tokens table, its finding shown once.
        $html | Should -Match '<td>APNs certificate</td><td>Apple MDM push certificate</td><td>present</td>'
        ([regex]::Matches($html, 'Apple MDM push certificate expires in')).Count | Should -Be 1
    }

    It 'HTML-encodes every value, so a hostile token name is shown and never runs' {
        $html = $evil | ConvertTo-AdeTokenReport -Title '<b>Title</b>'
        $html | Should -Not -Match '<script>'
        $html | Should -Not -Match '<b>Title'
        $html | Should -Match ([regex]::Escape('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Co&quot; =cmd'))
        $html | Should -Match ([regex]::Escape('<title>&lt;b&gt;Title&lt;/b&gt;</title>'))
    }

    It 'writes Markdown with a table and the findings, escaped the Markdown way' {
        $md = $results | ConvertTo-AdeTokenReport -Format Markdown
        $md | Should -Match '(?m)^\| Status \| Token \| Days left \| Expires \(UTC\) \| Findings \|$'
        $md | Should -Match '(?m)^\| Critical \| rule\\-expired|(?m)^\| Critical \| rule-expired'
        $md | Should -Match '(?m)^1\. '
        $md | Should -Match 'Microsoft Learn: <https://learn\.microsoft\.com/'
        ($evil | ConvertTo-AdeTokenReport -Format Markdown) | Should -Not -Match '(?<!\\)<script>'
        $md | Should -Match 'Devices > Enrollment'
        $md | Should -Not -Match '&gt;|&lt;|&amp;'
        ($evil | ConvertTo-AdeTokenReport -Format Markdown) | Should -Match ([regex]::Escape('\<script>alert(1)\</script> & "Co" =cmd'))
    }

    It 'writes JSON with a schema version, stable names and ISO 8601 dates' {
        $json = $results | ConvertTo-AdeTokenReport -Format Json
        $doc = $json | ConvertFrom-Json -DateKind String
        $doc.schemaVersion | Should -Be '1.0'
        $doc.summary.critical | Should -Be @($results | Where-Object Status -eq Critical).Count
        $data = $doc.tokens
        @($data).Count | Should -Be $results.Count
        $first = @($data)[0]
        $first.PSObject.Properties.Name | Should -Be @('tenantId', 'tokenId', 'tokenName', 'appleId', 'status', 'daysUntilExpiry', 'expirationDateTime', 'lastSuccessfulSyncDateTime', 'evaluatedAt', 'findings')
        $first.status | Should -Be 'Critical'
        $first.expirationDateTime | Should -Match '^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$'
        $first.findings[0].PSObject.Properties.Name | Should -Be @('code', 'severity', 'message', 'remediation', 'helpUri', 'target', 'evidence')
        ($evil | ConvertTo-AdeTokenReport -Format Json | ConvertFrom-Json).tokens[0].tokenName | Should -BeExactly $evilName
        @($doc.appleTokens | Where-Object kind -eq 'ApnsCertificate').Count | Should -Be 1
    }

    It 'writes JSON that docs/report-schema.json accepts, and the schema can fail' {
        $schema = Join-Path (Get-AdeTestRepoRoot) 'docs' 'report-schema.json'
        $json = ($results + $fine + $evil) | ConvertTo-AdeTokenReport -Format Json
        Test-Json -Json $json -SchemaFile $schema -ErrorAction Stop | Should -BeTrue
        Test-Json -Json ($json -replace '"status": "Critical"', '"status": 2') -SchemaFile $schema -ErrorAction SilentlyContinue | Should -BeFalse
    }

    It 'writes CSV with one row per finding and one row for a token without findings' {
        $path = Join-Path $TestDrive 'r.csv'
        $all = $results + $fine
        $all | Export-AdeTokenReport -Format Csv -Path $path
        $rows = @(Import-Csv $path)
        @($rows[0].PSObject.Properties.Name) | Should -Be @('TenantId', 'TokenName', 'TokenId', 'Status', 'DaysUntilExpiry', 'Severity', 'Code', 'Message', 'HelpUri')
        $expected = ($all | ForEach-Object { [Math]::Max(1, @($_.Findings).Count) } | Measure-Object -Sum).Sum
        $rows.Count | Should -Be $expected
        $healthy = @($all | Where-Object { @($_.Findings).Count -eq 0 })
        $healthy.Count | Should -BeGreaterThan 0
        foreach ($h in $healthy) {
            $r = @($rows | Where-Object TokenId -eq $h.TokenId)
            $r.Count | Should -Be 1
            $r[0].Code | Should -BeNullOrEmpty
        }
        [IO.File]::ReadAllBytes($path)[0..2] | Should -Be @(0xEF, 0xBB, 0xBF)
    }

    It 'guards CSV cells against formula injection' {
        $csv = $evil | ConvertTo-AdeTokenReport -Format Csv
        $row = @($csv | ConvertFrom-Csv)[0]
        $row.TokenName | Should -BeExactly $evilName
        $bad = $evil[0]
        $bad.TokenName = '=HYPERLINK("http://x")'
        ($bad | ConvertTo-AdeTokenReport -Format Csv | ConvertFrom-Csv)[0].TokenName | Should -BeExactly "'=HYPERLINK(""http://x"")"
    }

    It 'refuses to overwrite a file without -Force, and overwrites with it' {
        $path = Join-Path $TestDrive 'exists.html'
        Set-Content -Path $path -Value 'keep me'
        { $results | Export-AdeTokenReport -Path $path -ErrorAction Stop } | Should -Throw -ErrorId 'OutFileExists,AdeTokens.Commands.ExportAdeTokenReportCommand'
        Get-Content $path -Raw | Should -Match 'keep me'
        $results | Export-AdeTokenReport -Path $path -Force
        Get-Content $path -Raw | Should -Match '^<!DOCTYPE html>'
    }

    It 'resolves a relative path and returns the file with -PassThru' {
        Push-Location $TestDrive
        try {
            $file = $results | Export-AdeTokenReport -Format Json -Path 'rel.json' -PassThru
        }
        finally { Pop-Location }
        $file | Should -BeOfType [IO.FileInfo]
        $file.FullName | Should -Be (Join-Path $TestDrive 'rel.json')
        (Get-Content $file.FullName -Raw | ConvertFrom-Json).tokens.Count | Should -Be $results.Count
    }

    It 'rejects input that is not a HealthResult with UnsupportedReportInput, the object as target' {
        $status = @(Get-AdeTokenStatus)[0]
        $html = $status, $results[0] | ConvertTo-AdeTokenReport -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -Be 'UnsupportedReportInput,AdeTokens.Commands.ConvertToAdeTokenReportCommand'
        $errs[0].CategoryInfo.Category | Should -Be 'InvalidType'
        $errs[0].TargetObject | Should -Be $status
        $errs[0].ErrorDetails.RecommendedAction | Should -Match 'Test-AdeTokenHealth'
        $html | Should -Match '1 token: '
    }
}

Describe 'Export-AdeTokenReport picks the format from the file' {
    It 'writes <Format> into <File>' -ForEach @(
        @{ File = 'r.html'; Format = 'Html'; Pattern = '^<!DOCTYPE html>' }
        @{ File = 'r.HTM'; Format = 'Html'; Pattern = '^<!DOCTYPE html>' }
        @{ File = 'r.md'; Format = 'Markdown'; Pattern = '^# ADE token health report' }
        @{ File = 'r.json'; Format = 'Json'; Pattern = '^\{\s+"schemaVersion"' }
        @{ File = 'r.csv'; Format = 'Csv'; Pattern = '^\uFEFF?TenantId,TokenName,' }
    ) {
        $path = Join-Path $TestDrive $File
        $results | Export-AdeTokenReport -Path $path -Force
        Get-Content $path -Raw | Should -Match $Pattern
    }

    It 'refuses a -Format that contradicts the extension, and writes nothing' {
        $path = Join-Path $TestDrive 'mismatch.csv'
        $err = { $results | Export-AdeTokenReport -Path $path -Format Html -ErrorAction Stop } | Should -Throw -ErrorId 'ReportFormatMismatch,AdeTokens.Commands.ExportAdeTokenReportCommand' -PassThru
        $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $err.Exception.Message | Should -Match 'stands for Csv'
        $err.ErrorDetails.RecommendedAction | Should -Match '\.html'
        Test-Path $path | Should -BeFalse
    }

    It 'needs -Format for a file with no report extension, and takes it when given' {
        $path = Join-Path $TestDrive 'report.txt'
        { $results | Export-AdeTokenReport -Path $path -ErrorAction Stop } | Should -Throw -ErrorId 'ReportFormatUnknown,AdeTokens.Commands.ExportAdeTokenReportCommand'
        Test-Path $path | Should -BeFalse
        $results | Export-AdeTokenReport -Path $path -Format Markdown
        Get-Content $path -Raw | Should -Match '^# '
    }

    It 'takes the path by position' {
        Push-Location $TestDrive
        try { $results | Export-AdeTokenReport ./positional.md } finally { Pop-Location }
        Get-Content (Join-Path $TestDrive 'positional.md') -Raw | Should -Match '^# '
    }

    It 'prints nothing to the console: without -Path it stops and points to ConvertTo-AdeTokenReport' {
        $out = $null
        $err = { $out = $results | Export-AdeTokenReport -ErrorAction Stop } | Should -Throw -ErrorId 'ReportPathMissing,AdeTokens.Commands.ExportAdeTokenReportCommand' -PassThru
        $out | Should -BeNullOrEmpty
        $err.Exception.Message | Should -Match 'ConvertTo-AdeTokenReport'
        @($results | Export-AdeTokenReport -Path (Join-Path $TestDrive 'quiet.html')).Count | Should -Be 0
    }
}

Describe 'The HTML report in headless Chromium' {
    BeforeAll {
        $script:page = Get-AdeTestArtefactPath 'report.html'
        $results | Export-AdeTokenReport -Path $page -Force
        $script:shot = Get-AdeTestArtefactPath 'report.png'
        $script:netLog = Get-AdeTestArtefactPath 'report-netlog.json'
        Remove-Item $shot, $netLog -ErrorAction SilentlyContinue
        $null = Invoke-AdeTestChromium -Path $page -Screenshot $shot -NetLog $netLog -WindowSize '1100,2400'
        $script:dom = Invoke-AdeTestChromium -Path $page -DumpDom
    }

    It 'renders, and the screenshot is kept under out/' {
        (Get-Item $shot).Length | Should -BeGreaterThan 20KB
        $dom | Should -Match '<svg[^>]* id="timeline"'
        $dom | Should -Match '<table id="tokens">'
    }

    It 'has the summary counts in the DOM' {
        foreach ($s in 'Critical', 'Warning', 'Healthy') {
            $n = @($results | Where-Object Status -eq $s).Count
            $dom | Should -Match ('<span class="n {0}" data-status="{0}">{1}</span>' -f $s, $n)
        }
        $candidates = @($results | Where-Object { $_.DaysUntilExpiry -ge 0 } | ForEach-Object { [pscustomobject]@{ Name = $_.TokenName; At = $_.ExpirationDateTime } })
        $apns = $results[0].Tenant
        $apns.ApnsChecked | Should -BeTrue
        $candidates += [pscustomobject]@{ Name = 'Apple MDM push certificate'; At = $apns.ApnsCertificateExpiration }
        $next = @($candidates | Sort-Object At)[0]
        $dom | Should -Match ('id="next-expiry">.*?' + [regex]::Escape($next.Name))
    }

    It 'has one SVG mark per ADE token and one for the APNs certificate' {
        $ids = @([regex]::Matches($dom, '<g class="mark" data-kind="AdeToken" data-status="\w+" data-id="([^"]+)">') | ForEach-Object { $_.Groups[1].Value })
        $dated = @($results | Where-Object ExpirationDateTime | ForEach-Object TokenId)
        $ids.Count | Should -Be $dated.Count
        ($ids | Sort-Object) | Should -Be ($dated | Sort-Object)
        ([regex]::Matches($dom, 'data-kind="ApnsCertificate"')).Count | Should -Be 1
        foreach ($r in $results | Where-Object ExpirationDateTime) {
            $dom | Should -Match ('data-kind="AdeToken" data-status="{0}" data-id="{1}"' -f $r.Status, [regex]::Escape($r.TokenId))
        }
    }

    It 'sends no request: the net log shows nothing but the file itself' {
        @(Get-AdeTestNetLogRequest -NetLog $netLog) | Should -BeNullOrEmpty
    }

    It 'would have noticed a request (the check can fail)' {
        $probe = Join-Path $TestDrive 'probe.html'
        Set-Content -Path $probe -Value "<!DOCTYPE html><html><body><img src=""$($sim.Url)/_sim/probe.png""></body></html>"
        $log = Join-Path $TestDrive 'probe-netlog.json'
        $null = Invoke-AdeTestChromium -Path $probe -Screenshot (Join-Path $TestDrive 'probe.png') -NetLog $log
        @(Get-AdeTestNetLogRequest -NetLog $log) | Should -Contain "$($sim.Url)/_sim/probe.png"
    }
}
