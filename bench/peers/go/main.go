// scan-peer-go: the scan-bench workload written with the AWS SDK for Go v2, the way an audit
// tool would: AssumeRole once per account, then every region's GetConnections pages, NDJSON out,
// at most `concurrency` targets in flight (goroutines over a target queue).
//
// Usage: scan-peer-go CONFIG.json (see bench/scan-bench, peer_config); base credentials come
// from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY. Exit 0: every target complete; 2: some failed.
package main

import (
	"bufio"
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"sync"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/glue"
	gluetypes "github.com/aws/aws-sdk-go-v2/service/glue/types"
	"github.com/aws/aws-sdk-go-v2/service/sts"
)

type config struct {
	EndpointURL string   `json:"endpoint_url"`
	CABundle    string   `json:"ca_bundle"`
	Accounts    []string `json:"accounts"`
	Regions     []string `json:"regions"`
	RoleName    string   `json:"role_name"`
	Concurrency int      `json:"concurrency"`
	MaxResults  int32    `json:"max_results"`
	RetryMode   string   `json:"retry_mode"`
	MaxAttempts int      `json:"max_attempts"`
	Output      string   `json:"output"`
}

type target struct{ account, region string }

// accountCredentials single-flights AssumeRole per account.
type accountCredentials struct {
	once  sync.Once
	creds aws.Credentials
	err   error
}

func main() {
	raw, err := os.ReadFile(os.Args[1])
	must(err)
	var cfg config
	must(json.Unmarshal(raw, &cfg))

	pem, err := os.ReadFile(cfg.CABundle)
	must(err)
	pool := x509.NewCertPool()
	if !pool.AppendCertsFromPEM(pem) {
		panic("no certificate in " + cfg.CABundle)
	}
	// One HTTP client for every SDK client, keeping as many idle connections as requests in
	// flight (the SDK's default of 10 per host would make it reconnect all the time).
	httpClient := awshttp.NewBuildableClient().WithTransportOptions(func(tr *http.Transport) {
		if tr.TLSClientConfig == nil {
			tr.TLSClientConfig = &tls.Config{}
		}
		tr.TLSClientConfig.RootCAs = pool
		tr.MaxIdleConns = cfg.Concurrency * 2
		tr.MaxIdleConnsPerHost = cfg.Concurrency * 2
	})
	retryer := func() aws.Retryer {
		if cfg.RetryMode == "adaptive" {
			return retry.NewAdaptiveMode(func(o *retry.AdaptiveModeOptions) {
				o.StandardOptions = append(o.StandardOptions, func(so *retry.StandardOptions) {
					so.MaxAttempts = cfg.MaxAttempts
				})
			})
		}
		return retry.NewStandard(func(o *retry.StandardOptions) { o.MaxAttempts = cfg.MaxAttempts })
	}
	base := aws.Config{
		Region: "us-east-1",
		Credentials: credentials.NewStaticCredentialsProvider(os.Getenv("AWS_ACCESS_KEY_ID"),
			os.Getenv("AWS_SECRET_ACCESS_KEY"), os.Getenv("AWS_SESSION_TOKEN")),
		HTTPClient: httpClient,
		Retryer:    retryer,
	}
	stsClient := sts.NewFromConfig(base, func(o *sts.Options) {
		o.EndpointResolver = sts.EndpointResolverFromURL(cfg.EndpointURL)
	})

	out, err := os.Create(cfg.Output)
	must(err)
	writer := bufio.NewWriterSize(out, 1<<16)
	var writeMu sync.Mutex

	creds := map[string]*accountCredentials{}
	for _, a := range cfg.Accounts {
		creds[a] = &accountCredentials{}
	}
	assume := func(ctx context.Context, account string) (aws.Credentials, error) {
		c := creds[account]
		c.once.Do(func() {
			arn := "arn:aws:iam::" + account + ":role/" + cfg.RoleName
			res, err := stsClient.AssumeRole(ctx, &sts.AssumeRoleInput{
				RoleArn: aws.String(arn), RoleSessionName: aws.String("scan-bench")})
			if err != nil {
				c.err = err
				return
			}
			c.creds = aws.Credentials{AccessKeyID: *res.Credentials.AccessKeyId,
				SecretAccessKey: *res.Credentials.SecretAccessKey,
				SessionToken:    *res.Credentials.SessionToken, CanExpire: true,
				Expires: *res.Credentials.Expiration}
		})
		return c.creds, c.err
	}

	targets := make(chan target)
	var failed int64
	var failMu sync.Mutex
	var wg sync.WaitGroup
	for w := 0; w < cfg.Concurrency; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			ctx := context.Background()
			for t := range targets {
				if err := scanTarget(ctx, cfg, base, t, assume, writer, &writeMu); err != nil {
					failMu.Lock()
					failed++
					failMu.Unlock()
					fmt.Fprintf(os.Stderr, "%s %s: %v\n", t.account, t.region, err)
				}
			}
		}()
	}
	for _, a := range cfg.Accounts {
		for _, r := range cfg.Regions {
			targets <- target{a, r}
		}
	}
	close(targets)
	wg.Wait()
	must(writer.Flush())
	must(out.Close())
	if failed > 0 {
		os.Exit(2)
	}
}

func scanTarget(ctx context.Context, cfg config, base aws.Config, t target,
	assume func(context.Context, string) (aws.Credentials, error), writer *bufio.Writer,
	writeMu *sync.Mutex) error {
	c, err := assume(ctx, t.account)
	if err != nil {
		return err
	}
	client := glue.NewFromConfig(base, func(o *glue.Options) {
		o.Region = t.region
		o.Credentials = credentials.StaticCredentialsProvider{Value: c}
		o.EndpointResolver = glue.EndpointResolverFromURL(cfg.EndpointURL)
	})
	input := &glue.GetConnectionsInput{HidePassword: true}
	if cfg.MaxResults > 0 {
		input.MaxResults = aws.Int32(cfg.MaxResults)
	}
	pages := glue.NewGetConnectionsPaginator(client, input)
	var buf []byte
	for pages.HasMorePages() {
		page, err := pages.NextPage(ctx)
		if err != nil {
			return err
		}
		buf = buf[:0]
		for i := range page.ConnectionList {
			line, err := json.Marshal(struct {
				AccountId string
				Region    string
				CatalogId string
				*glueConnection
			}{t.account, t.region, t.account, (*glueConnection)(&page.ConnectionList[i])})
			if err != nil {
				return err
			}
			buf = append(buf, line...)
			buf = append(buf, '\n')
		}
		writeMu.Lock()
		_, err = writer.Write(buf)
		writeMu.Unlock()
		if err != nil {
			return err
		}
	}
	return nil
}

func must(err error) {
	if err != nil {
		panic(err)
	}
}

// glueConnection is the SDK's own type, embedded so that its members are written at the top
// level of the record beside AccountId, Region and CatalogId.
type glueConnection = gluetypes.Connection
