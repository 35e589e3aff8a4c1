#!/usr/bin/env python3
"""Writes detectors/vocabulary.toml, the provider vocabulary, from the table below.

Usage: scripts/gen-vocabulary.py [REPO_ROOT]

Each table line is `id|Name|class|what the provider is|names|P`: `names` (comma-separated
key-name forms, lowercase words written together) defaults to the name squashed to
lowercase letters and digits; `P` marks `prefix_only` (a name that is also a word or a
common identifier). The class reason is the description plus what a credential of the
class does. Providers come from their public documentation (their documented environment
variable names); example values are random strings from a fixed seed, fake by
construction. The script refuses an id or a name twice, and an id or name that a
detector file's provider already has.
"""

import glob
import math
import os
import random
import re
import sys

ROOT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..")
RNG = random.Random(20261204)
BASE62 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
# Substrings a random value must not contain: words the generic model reads as
# placeholders, and prefixes of real credential formats.
BANNED = ["test", "demo", "fake", "mock", "xxx", "your", "my", "secret", "pass", "token", "key", "sample",
          "exam", "dumm", "todo", "abc", "123", "change", "insert", "replace", "sk", "gh", "xox", "akia", "aiza",
          "eyj", "glpat", "pypi", "npm", "hf", "shp", "sq0", "rk", "pk", "whsec", "dop", "sbp", "lin", "ya29"]

CLASS_EFFECT = {
    "infrastructure": "a token deploys, reconfigures or deletes what runs there",
    "cloud": "its keys reach what the account runs and stores",
    "database": "a credential reads, changes or drops the data",
    "cluster": "a token controls the workloads and their secrets",
    "secrets-manager": "a token reads the other secrets kept there",
    "payments": "a key moves money or reads financial records",
    "identity": "a management key mints users and sessions for the applications it signs in to",
    "source-hosting": "a token changes code and what builds from it",
    "package-registry": "a token publishes what others install",
    "ci": "a token runs pipelines with their secrets or changes build results",
    "messaging": "a token reads conversations and posts as the account",
    "email-sms": "a key sends messages as the account and reads its contacts",
    "llm": "a key runs billed requests and reads the account's files",
    "ecommerce": "a key administers orders, customers and refunds",
    "storage": "a key reads, replaces and deletes the files kept there",
    "crm": "a key reads and edits the tool's customer and contact data",
    "observability": "a key reads telemetry and edits monitors and alerts",
    "analytics": "a key reads or writes the collected data",
    "tracker": "a token reads and edits the work items and documents",
    "ai-platform": "a token reads and writes models, datasets and runs",
    "maps": "a key is billed for every request made with it",
    "other": "a key acts on the account's data in that service",
}

TABLE = """
# llm
ai21|AI21 Labs|llm|language model API|ai21,ai21labs|
aleph-alpha|Aleph Alpha|llm|language model API|alephalpha|
anyscale|Anyscale|llm|hosted model endpoints and Ray clusters||
baseten|Baseten|llm|model serving platform||
deepinfra|DeepInfra|llm|hosted open-model inference||
friendli|FriendliAI|llm|model inference endpoints|friendli,friendliai|
hyperbolic|Hyperbolic|llm|GPU and model inference marketplace||P
lepton|Lepton AI|llm|model inference platform|leptonai,lepton|P
novita|Novita AI|llm|model inference API|novita,novitaai|
octoai|OctoAI|llm|model inference API||
predibase|Predibase|llm|fine-tuning and model serving||
sambanova|SambaNova|llm|model inference cloud||
writer|Writer|llm|enterprise language model API|writer|P
reka|Reka AI|llm|multimodal model API|reka,rekaai|
voyage-ai|Voyage AI|llm|embedding model API|voyageai,voyage|P
moonshot|Moonshot AI|llm|Kimi language model API|moonshot,kimi|P
zhipu|Zhipu AI|llm|GLM language model API|zhipu,zhipuai,bigmodel|
dashscope|DashScope|llm|Qwen model API of Alibaba Cloud Model Studio|dashscope,qwen|
baichuan|Baichuan|llm|language model API||
minimax|MiniMax|llm|language and speech model API||
nebius|Nebius AI Studio|llm|GPU cloud and model inference|nebius|
lamini|Lamini|llm|fine-tuning and inference platform||
nlp-cloud|NLP Cloud|llm|language model API|nlpcloud|
jina|Jina AI|llm|embeddings, reranking and reader API|jina,jinaai|
upstage|Upstage|llm|Solar language model API||
featherless|Featherless AI|llm|serverless open-model inference|featherless|
siliconflow|SiliconFlow|llm|model inference cloud||
fal|fal.ai|llm|generative media inference API|fal,falai|P
runpod|RunPod|infrastructure|GPU cloud: pods and serverless endpoints||
vast-ai|Vast.ai|infrastructure|GPU rental marketplace|vastai|
paperspace|Paperspace|infrastructure|GPU virtual machines||
lambda-labs|Lambda|infrastructure|GPU cloud instances|lambdalabs|
coreweave|CoreWeave|infrastructure|GPU cloud and Kubernetes||
portkey|Portkey|llm|AI gateway that holds provider keys and routes billed requests||
martian|Martian|llm|model router API|withmartian|
unify-ai|Unify|llm|model router API|unifyai|
# speech and media AI
speechmatics|Speechmatics|llm|speech-to-text API||
rev-ai|Rev.ai|llm|speech-to-text API|revai|
gladia|Gladia|llm|speech-to-text API||
picovoice|Picovoice|llm|on-device voice AI with a billed access key||
playht|PlayHT|llm|text-to-speech API|playht|
murf|Murf AI|llm|text-to-speech API|murf,murfai|
wellsaid|WellSaid Labs|llm|text-to-speech API|wellsaid,wellsaidlabs|
resemble|Resemble AI|llm|voice cloning API|resembleai|
lmnt|LMNT|llm|text-to-speech API||
cartesia|Cartesia|llm|text-to-speech API||
heygen|HeyGen|llm|AI video generation API||
synthesia|Synthesia|llm|AI video generation API||
runwayml|Runway|llm|generative video API|runwayml|
leonardo-ai|Leonardo.Ai|llm|image generation API|leonardoai,leonardo|P
ideogram|Ideogram|llm|image generation API||
luma-ai|Luma AI|llm|video generation API|lumaai|
hume-ai|Hume AI|llm|expressive voice and emotion API|humeai|
symbl|Symbl.ai|llm|conversation intelligence API|symbl,symblai|
deepl|DeepL|other|translation API billed per character||
modernmt|ModernMT|other|machine translation API|modernmt|
# vector and AI data
weaviate|Weaviate|database|vector database||
qdrant|Qdrant|database|vector database||
zilliz|Zilliz Cloud|database|managed Milvus vector database|zilliz|
milvus|Milvus|database|vector database||
chroma|Chroma|database|vector database cloud|chroma,chromadb|P
vespa|Vespa|database|search and vector engine cloud||P
marqo|Marqo|database|vector search cloud||
lancedb|LanceDB|database|vector database cloud||
turbopuffer|turbopuffer|database|vector search database||
llamacloud|LlamaCloud|ai-platform|LlamaIndex parsing and retrieval cloud|llamacloud,llamaparse,llamaindex|
unstructured|Unstructured|ai-platform|document parsing API|unstructured|P
firecrawl|Firecrawl|other|web crawling API for AI||
tavily|Tavily|other|web search API for AI agents||
exa|Exa|other|web search API for AI|exa,exaai|P
serpapi|SerpApi|other|search engine results API||
serper|Serper|other|Google search API||
brave-search|Brave Search API|other|web search API|bravesearch|
browserless|Browserless|other|hosted headless browsers||
browserbase|Browserbase|other|hosted headless browsers for agents||
apify|Apify|other|web scraping and automation platform||
scrapingbee|ScrapingBee|other|web scraping API||
scraperapi|ScraperAPI|other|web scraping API||
zenrows|ZenRows|other|web scraping API||
brightdata|Bright Data|other|proxy network and scraping API|brightdata,luminati|
oxylabs|Oxylabs|other|proxy network and scraping API||
crawlbase|Crawlbase|other|web crawling API|crawlbase,proxycrawl|
diffbot|Diffbot|other|web extraction API||
scrapfly|Scrapfly|other|web scraping API||
# ai platforms and ml tooling
comet-ml|Comet|ai-platform|ML experiment tracking|cometml,comet|P
neptune-ai|neptune.ai|ai-platform|ML experiment tracking|neptuneai,neptune|P
clearml|ClearML|ai-platform|MLOps platform||
dagshub|DagsHub|ai-platform|ML data and model hosting||
roboflow|Roboflow|ai-platform|computer vision datasets and models||
labelbox|Labelbox|ai-platform|data labelling platform||
scale-ai|Scale AI|ai-platform|data labelling platform|scaleai|
lightning-ai|Lightning AI|ai-platform|ML studios and GPU jobs|lightningai|
kaggle|Kaggle|ai-platform|datasets, models and notebooks||
clarifai|Clarifai|ai-platform|vision and model platform||
openpipe|OpenPipe|ai-platform|fine-tuning platform that logs prompts||
helicone|Helicone|observability|LLM observability proxy that logs prompts||
arize|Arize AI|observability|ML and LLM observability|arize,arizeai|
humanloop|Humanloop|ai-platform|prompt management and evaluation||
promptlayer|PromptLayer|ai-platform|prompt management and logging||
weave-galileo|Galileo|observability|LLM evaluation and observability|rungalileo|
# cloud
tencent-cloud|Tencent Cloud|cloud|cloud account API keys|tencentcloud,tencent|
huawei-cloud|Huawei Cloud|cloud|cloud account access keys|huaweicloud,huawei|
baidu-cloud|Baidu AI Cloud|cloud|cloud account access keys|baiducloud,baidu|
volcengine|Volcano Engine|cloud|cloud account access keys|volcengine,volcano|
ucloud|UCloud|cloud|cloud account API keys||
qiniu|Qiniu Cloud|cloud|storage and CDN account keys|qiniu|
upyun|UPYUN|storage|storage and CDN service|upyun|
ksyun|Kingsoft Cloud|cloud|cloud account access keys|ksyun,kingsoftcloud|
yandex-cloud|Yandex Cloud|cloud|cloud account keys|yandexcloud,yandex|
selectel|Selectel|cloud|cloud and dedicated servers||
cloudsigma|CloudSigma|infrastructure|cloud servers||
upcloud|UpCloud|infrastructure|cloud servers||
civo|Civo|infrastructure|Kubernetes and cloud servers||
equinix-metal|Equinix Metal|infrastructure|bare-metal servers|equinixmetal,equinix|P
ionos|IONOS|infrastructure|cloud servers, DNS and hosting||
contabo|Contabo|infrastructure|virtual and dedicated servers||
kamatera|Kamatera|infrastructure|cloud servers||
rackspace|Rackspace|infrastructure|managed cloud||
vsphere|VMware vSphere|infrastructure|virtualisation management: every VM of the vCenter|vsphere,vcenter,vmware|
nutanix|Nutanix|infrastructure|hyperconverged infrastructure management||
wasabi|Wasabi|storage|S3-compatible object storage||
idrive-e2|IDrive e2|storage|S3-compatible object storage|idrivee2,idrive|
storj|Storj|storage|decentralised object storage||
filebase|Filebase|storage|S3-compatible object storage||
tebi|Tebi|storage|S3-compatible object storage||
# hosting and paas
koyeb|Koyeb|infrastructure|serverless platform||
northflank|Northflank|infrastructure|container platform||
porter|Porter|infrastructure|PaaS on the customer's cloud||P
qovery|Qovery|infrastructure|PaaS on the customer's cloud||
platform-sh|Platform.sh|infrastructure|PaaS for web applications|platformsh,upsun|
laravel-forge|Laravel Forge|infrastructure|server provisioning and deploys|laravelforge,forge|P
envoyer|Envoyer|infrastructure|zero-downtime deploys for PHP||
ploi|Ploi|infrastructure|server management and deploys||
runcloud|RunCloud|infrastructure|server management panel||
serverpilot|ServerPilot|infrastructure|server management for PHP sites||
cloudways|Cloudways|infrastructure|managed cloud hosting||
kinsta|Kinsta|infrastructure|managed WordPress and application hosting||
wpengine|WP Engine|infrastructure|managed WordPress hosting|wpengine|
pantheon|Pantheon|infrastructure|WordPress and Drupal hosting||P
acquia|Acquia|infrastructure|Drupal cloud hosting||
surge|Surge|infrastructure|static site publishing||P
glitch|Glitch|infrastructure|application hosting||P
replit|Replit|infrastructure|online IDE and deployments||
codesandbox|CodeSandbox|infrastructure|cloud development environments||
back4app|Back4App|database|Parse backend hosting||
appwrite|Appwrite|database|backend-as-a-service: database, auth and storage||
nhost|Nhost|database|backend-as-a-service on Postgres||
convex|Convex|database|reactive backend database||P
xata|Xata|database|serverless Postgres platform||
fauna|Fauna|database|serverless document database|fauna,faunadb|P
cockroach-cloud|CockroachDB Cloud|database|managed distributed SQL|cockroachlabs,cockroachcloud,cockroachdb|
tidb-cloud|TiDB Cloud|database|managed distributed SQL|tidbcloud,tidb|
yugabyte|YugabyteDB Aeon|database|managed distributed SQL|yugabyte,yugabytedb|
timescale|Timescale|database|managed time-series Postgres|timescale,timescaledb|
crunchy-bridge|Crunchy Bridge|database|managed Postgres|crunchybridge,crunchydata|
nile|Nile|database|multi-tenant Postgres|niledb,nile|P
prisma|Prisma Data Platform|database|Accelerate and Postgres: queries the application database|prisma|
hasura|Hasura|database|GraphQL engine: the admin secret reads and writes every table||
grafbase|Grafbase|database|GraphQL federation platform||
tembo|Tembo|database|managed Postgres||
redis-cloud|Redis Cloud|database|managed Redis|rediscloud,redislabs|
memcachier|MemCachier|database|managed Memcached||
instaclustr|Instaclustr|database|managed Cassandra, Kafka and Postgres||
scalegrid|ScaleGrid|database|managed databases||
caprover|CapRover|infrastructure|self-hosted PaaS||
coolify|Coolify|infrastructure|self-hosted PaaS||
dokploy|Dokploy|infrastructure|self-hosted PaaS||
# cdn, dns, edge
bunny|Bunny.net|infrastructure|CDN, storage and DNS|bunnycdn,bunny,bunnynet|P
keycdn|KeyCDN|infrastructure|CDN||
cdn77|CDN77|infrastructure|CDN||
stackpath|StackPath|infrastructure|CDN and edge compute||
imperva|Imperva|infrastructure|WAF and CDN: changes the protection of every site|imperva,incapsula|
gcore|Gcore|infrastructure|CDN, cloud and DNS||
edgio|Edgio|infrastructure|CDN and edge platform|edgio,layer0|
sucuri|Sucuri|infrastructure|website firewall||
dnsimple|DNSimple|infrastructure|DNS and domains: repoints every record||
namecheap|Namecheap|infrastructure|domains and DNS||
godaddy|GoDaddy|infrastructure|domains and DNS||
porkbun|Porkbun|infrastructure|domains and DNS||
gandi|Gandi|infrastructure|domains and DNS||
name-com|Name.com|infrastructure|domains and DNS|namecom|
ns1|NS1|infrastructure|managed DNS||
dnsmadeeasy|DNS Made Easy|infrastructure|managed DNS|dnsmadeeasy|
easydns|easyDNS|infrastructure|managed DNS||
cloudns|ClouDNS|infrastructure|managed DNS||
constellix|Constellix|infrastructure|managed DNS||
desec|deSEC|infrastructure|managed DNS||
duckdns|Duck DNS|infrastructure|dynamic DNS||
noip|No-IP|infrastructure|dynamic DNS|noip|
dynu|Dynu|infrastructure|dynamic DNS||
# media and files
cloudinary|Cloudinary|storage|image and video hosting||
imgix|imgix|storage|image processing CDN||
imagekit|ImageKit|storage|image and video CDN||
uploadcare|Uploadcare|storage|file uploads and CDN||
filestack|Filestack|storage|file uploads and transformations||
transloadit|Transloadit|storage|file uploading and encoding||
uploadthing|UploadThing|storage|file uploads for web apps||
bytescale|Bytescale|storage|file uploads and processing||
mux|Mux|storage|video streaming API||P
wistia|Wistia|storage|video hosting||
vimeo|Vimeo|storage|video hosting||
jwplayer|JW Player|storage|video hosting and streaming|jwplayer,jwplatform|
api-video|api.video|storage|video hosting API|apivideo|
livepeer|Livepeer|storage|video streaming infrastructure||
egnyte|Egnyte|storage|enterprise file sharing||
sharefile|ShareFile|storage|enterprise file sharing||
pcloud|pCloud|storage|cloud file storage||
mega|MEGA|storage|cloud file storage|mega,meganz|P
nextcloud|Nextcloud|storage|self-hosted file sync and share||
owncloud|ownCloud|storage|self-hosted file sync and share||
seafile|Seafile|storage|self-hosted file sync||
tresorit|Tresorit|storage|encrypted file sharing||
wetransfer|WeTransfer|storage|file transfer||
pinata|Pinata|storage|IPFS pinning and files||P
web3-storage|web3.storage|storage|IPFS and Filecoin storage|web3storage,storacha|
nft-storage|NFT.Storage|storage|IPFS storage for NFTs|nftstorage|
# cluster, iac, config management
rancher|Rancher|cluster|Kubernetes cluster management: every managed cluster||
portainer|Portainer|cluster|container management for Docker and Kubernetes||
okteto|Okteto|cluster|Kubernetes development environments||
argocd|Argo CD|cluster|GitOps deploys to Kubernetes|argocd|
spacelift|Spacelift|infrastructure|IaC orchestration: runs Terraform with cloud credentials||
env0|env0|infrastructure|IaC orchestration: runs Terraform with cloud credentials||
scalr|Scalr|infrastructure|Terraform automation with cloud credentials||
ansible-tower|Ansible Automation Platform|infrastructure|runs playbooks on every managed host|ansibletower,awx,ansible|
chef|Chef|infrastructure|configuration management of every node||P
puppet|Puppet|infrastructure|configuration management of every node|puppet,puppetlabs|P
saltstack|Salt|infrastructure|remote execution on every minion|saltstack,saltproject|
vagrant-cloud|Vagrant Cloud|package-registry|publishes Vagrant boxes|vagrantcloud|
balena|balena|infrastructure|IoT fleet deployment: pushes code to every device|balena,balenacloud|
temporal-cloud|Temporal Cloud|infrastructure|durable workflow execution|temporalcloud,temporal|P
inngest|Inngest|infrastructure|event-driven background jobs||
trigger-dev|Trigger.dev|infrastructure|background jobs platform|triggerdev|
windmill|Windmill|infrastructure|scripts and workflows with their secrets||P
# ci/cd and testing
drone|Drone CI|ci|CI pipelines with their secrets|drone,droneci|P
woodpecker|Woodpecker CI|ci|CI pipelines with their secrets|woodpecker,woodpeckerci|P
semaphore|Semaphore|ci|CI/CD pipelines|semaphoreci,semaphore|P
codeship|CodeShip|ci|CI/CD pipelines||
appveyor|AppVeyor|ci|CI/CD pipelines||
bitrise|Bitrise|ci|mobile CI/CD with signing keys||
codemagic|Codemagic|ci|mobile CI/CD with signing keys||
buddy|Buddy|ci|CI/CD pipelines|buddyworks,buddy|P
teamcity|TeamCity|ci|CI/CD server||
bamboo|Bamboo|ci|Atlassian CI/CD server||P
gocd|GoCD|ci|CD server||
concourse|Concourse CI|ci|CI pipelines|concourse,concourseci|P
octopus-deploy|Octopus Deploy|ci|release and deployment automation|octopusdeploy,octopus|P
spinnaker|Spinnaker|ci|continuous delivery to every cloud account||
depot|Depot|ci|remote container builds||P
earthly|Earthly|ci|build automation and remote runners||P
dagger|Dagger Cloud|ci|CI engine cloud|dagger,daggercloud|P
nx-cloud|Nx Cloud|ci|remote cache and distributed CI|nxcloud|P
develocity|Develocity|ci|Gradle and Maven build cache and scans|develocity,gradleenterprise|
chromatic|Chromatic|ci|visual testing of Storybook builds||P
percy|Percy|ci|visual testing||P
applitools|Applitools|ci|visual AI testing||
browserstack|BrowserStack|ci|cloud browser and device testing||
saucelabs|Sauce Labs|ci|cloud browser testing|saucelabs,sauce|P
lambdatest|LambdaTest|ci|cloud browser testing||
testingbot|TestingBot|ci|cloud browser testing||
ghost-inspector|Ghost Inspector|ci|automated browser tests|ghostinspector|
mabl|mabl|ci|test automation||
currents|Currents|ci|Playwright and Cypress test dashboard||P
coveralls|Coveralls|ci|coverage reports||
codeclimate|Code Climate|ci|code quality and coverage|codeclimate,qlty|
deepsource|DeepSource|ci|static analysis||
codefactor|CodeFactor|ci|code review automation||
scrutinizer|Scrutinizer|ci|code quality CI||P
codescene|CodeScene|ci|code health analysis||
appcenter|App Center|ci|mobile builds and distribution|appcenter|
expo|Expo|ci|EAS builds and over-the-air updates to every installed app|expo|P
# package registries
cloudsmith|Cloudsmith|package-registry|private package registry||
gemfury|Gemfury|package-registry|private package registry|gemfury,fury|P
packagecloud|packagecloud|package-registry|package repository hosting||
anaconda|Anaconda.org|package-registry|conda package channel|anaconda,conda|P
hex-pm|Hex|package-registry|Elixir and Erlang package registry|hexpm|P
pub-dev|pub.dev|package-registry|Dart and Flutter package registry|pubdev|
cocoapods|CocoaPods Trunk|package-registry|iOS package registry|cocoapods|
packagist|Packagist|package-registry|PHP package registry||
chocolatey|Chocolatey|package-registry|Windows package registry|chocolatey,choco|
quay|Quay|package-registry|container image registry||
harbor|Harbor|package-registry|container image registry||P
myget|MyGet|package-registry|private package feeds||
proget|ProGet|package-registry|private package feeds||
buf|Buf Schema Registry|package-registry|Protobuf module registry|buf,bufbuild|P
conan|Conan|package-registry|C and C++ package registry|conan,conancenter|P
app-store-connect|App Store Connect|package-registry|publishes iOS apps to the App Store|appstoreconnect|P
google-play|Google Play Console|package-registry|publishes Android apps to Google Play|googleplay,playstore|
# source hosting
sourcehut|SourceHut|source-hosting|Git hosting and builds|sourcehut,srht|
codeberg|Codeberg|source-hosting|Git hosting||
gitee|Gitee|source-hosting|Git hosting||
gogs|Gogs|source-hosting|self-hosted Git||
perforce|Perforce Helix Core|source-hosting|version control server|perforce,helixcore|
gerrit|Gerrit|source-hosting|code review server||
phabricator|Phabricator|source-hosting|code review and repositories|phabricator,phorge|
assembla|Assembla|source-hosting|repository hosting||
sourceforge|SourceForge|source-hosting|project and release hosting||
launchpad|Launchpad|source-hosting|code hosting and package archives||P
# secrets managers
akeyless|Akeyless|secrets-manager|secrets management||
keeper|Keeper Secrets Manager|secrets-manager|password vault and secrets manager|keepersecurity,keeper|P
bitwarden|Bitwarden Secrets Manager|secrets-manager|password vault and secrets manager|bitwarden,bws|
lastpass|LastPass|secrets-manager|password vault||
conjur|CyberArk Conjur|secrets-manager|secrets management|conjur,cyberark|
delinea|Delinea Secret Server|secrets-manager|privileged access vault|delinea,thycotic,secretserver|
beyondtrust|BeyondTrust|secrets-manager|privileged access vault||
passbolt|Passbolt|secrets-manager|team password manager||
envkey|EnvKey|secrets-manager|environment secrets manager||
phase|Phase|secrets-manager|application secrets manager|phase|P
dotenv-vault|Dotenv Vault|secrets-manager|encrypted environment files|dotenvvault,dotenv|P
psono|Psono|secrets-manager|team password manager||
# identity
fusionauth|FusionAuth|identity|customer identity platform||
keycloak|Keycloak|identity|identity provider||
authentik|authentik|identity|identity provider||
zitadel|ZITADEL|identity|identity provider||
ory|Ory|identity|identity and permissions APIs|ory,orycloud|P
frontegg|Frontegg|identity|customer identity platform||
descope|Descope|identity|customer identity platform||
workos|WorkOS|identity|enterprise SSO and directory sync||
kinde|Kinde|identity|customer identity platform||
propelauth|PropelAuth|identity|B2B authentication||
supertokens|SuperTokens|identity|authentication platform||
userfront|Userfront|identity|authentication platform||
magic-link|Magic|identity|passwordless and wallet authentication|magiclink,magiclabs|
privy|Privy|identity|user authentication and embedded wallets||P
hanko|Hanko|identity|passkey authentication||
passage|Passage by 1Password|identity|passkey authentication|passageid,passage|P
logto|Logto|identity|identity provider||
casdoor|Casdoor|identity|identity provider||
jumpcloud|JumpCloud|identity|directory, SSO and device management||
onelogin|OneLogin|identity|workforce SSO||
ping-identity|Ping Identity|identity|workforce and customer identity|pingidentity,pingone,pingfederate|
duo|Duo Security|identity|multi-factor authentication admin API|duosecurity,duo|P
authress|Authress|identity|authorization and login platform||
authsignal|Authsignal|identity|risk-based MFA||
rippling|Rippling|identity|HR, identity and device management||
# payments and fintech
checkout-com|Checkout.com|payments|card payments|checkoutcom|
worldpay|Worldpay|payments|card payments||
authorize-net|Authorize.Net|payments|card payments|authorizenet,authnet|
twocheckout|2Checkout|payments|online payments|2checkout,twocheckout,verifone|
bluesnap|BlueSnap|payments|online payments||
payoneer|Payoneer|payments|cross-border payouts||
wise|Wise|payments|international transfers from business accounts|wise,transferwise|P
revolut|Revolut Business|payments|business bank account API|revolut|
mercury|Mercury|payments|business bank account API||P
brex|Brex|payments|corporate cards and payments||
ramp|Ramp|payments|corporate cards and bill payments||P
modern-treasury|Modern Treasury|payments|payment operations on bank accounts|moderntreasury|
increase|Increase|payments|banking API: moves money between accounts|increase|P
treasury-prime|Treasury Prime|payments|embedded banking API|treasuryprime|
dwolla|Dwolla|payments|bank transfers API||
marqeta|Marqeta|payments|card issuing API||
lithic|Lithic|payments|card issuing API||
lemon-squeezy|Lemon Squeezy|payments|merchant of record payments|lemonsqueezy|
chargebee|Chargebee|payments|subscription billing||
recurly|Recurly|payments|subscription billing||
maxio|Maxio|payments|subscription billing|maxio,chargify|
zuora|Zuora|payments|subscription billing||
fastspring|FastSpring|payments|merchant of record payments||
gumroad|Gumroad|payments|creator payments||
xendit|Xendit|payments|Southeast Asian payments||
midtrans|Midtrans|payments|Indonesian payments||
paymongo|PayMongo|payments|Philippine payments||
instamojo|Instamojo|payments|Indian payments||
cashfree|Cashfree Payments|payments|Indian payments and payouts|cashfree|
payu|PayU|payments|online payments||
paytm|Paytm|payments|Indian payments||
phonepe|PhonePe|payments|Indian payments||
ccavenue|CCAvenue|payments|Indian payments||
mercadopago|Mercado Pago|payments|Latin American payments|mercadopago|
pagseguro|PagBank|payments|Brazilian payments|pagseguro,pagbank|
ebanx|EBANX|payments|Latin American payments||
dlocal|dLocal|payments|emerging-market payments||
conekta|Conekta|payments|Mexican payments||
culqi|Culqi|payments|Peruvian payments||
wompi|Wompi|payments|Colombian payments||
payfast|PayFast|payments|South African payments||
yoco|Yoco|payments|South African card payments||
peach-payments|Peach Payments|payments|African payments|peachpayments|
ozow|Ozow|payments|South African instant EFT||
mpesa|M-Pesa Daraja|payments|mobile money API|mpesa,daraja|
interswitch|Interswitch|payments|Nigerian payments||
monnify|Monnify|payments|Nigerian payments||
klarna|Klarna|payments|buy now, pay later||
afterpay|Afterpay|payments|buy now, pay later|afterpay,clearpay|
affirm|Affirm|payments|buy now, pay later||P
sezzle|Sezzle|payments|buy now, pay later||
tabby|Tabby|payments|buy now, pay later||P
tamara|Tamara|payments|buy now, pay later||P
alipay|Alipay|payments|online payments||
wechat-pay|WeChat Pay|payments|online payments|wechatpay|
airwallex|Airwallex|payments|global business accounts||
rapyd|Rapyd|payments|global payments||
nuvei|Nuvei|payments|card payments||
paysafe|Paysafe|payments|online payments||
skrill|Skrill|payments|digital wallet||
trustly|Trustly|payments|open banking payments||
sumup|SumUp|payments|card payments||
zettle|Zettle|payments|point-of-sale payments|zettle,izettle|
clover|Clover|payments|point-of-sale payments||P
toast|Toast|payments|restaurant point of sale|toasttab,toast|P
helcim|Helcim|payments|card payments||
moneris|Moneris|payments|card payments||
global-payments|Global Payments|payments|card payments|globalpayments|
elavon|Elavon|payments|card payments||
usaepay|USAePay|payments|card payments||
cybersource|Cybersource|payments|card payments||
nmi|NMI|payments|payment gateway||P
coinbase|Coinbase|payments|crypto exchange and wallets||
binance|Binance|payments|crypto exchange: trades and withdraws funds||
kraken|Kraken|payments|crypto exchange: trades and withdraws funds||P
bitfinex|Bitfinex|payments|crypto exchange||
bitstamp|Bitstamp|payments|crypto exchange||
kucoin|KuCoin|payments|crypto exchange||
okx|OKX|payments|crypto exchange||
bybit|Bybit|payments|crypto exchange||
huobi|HTX|payments|crypto exchange|huobi,htx|
gateio|Gate.io|payments|crypto exchange|gateio|
bitget|Bitget|payments|crypto exchange||
bitmex|BitMEX|payments|crypto derivatives exchange||
deribit|Deribit|payments|crypto derivatives exchange||
crypto-com|Crypto.com Exchange|payments|crypto exchange|cryptocom|
fireblocks|Fireblocks|payments|digital asset custody: signs transfers||
bitgo|BitGo|payments|digital asset custody||
alpaca|Alpaca|payments|stock and crypto trading API||P
tradier|Tradier|payments|brokerage API||
oanda|OANDA|payments|forex trading API||
quickbooks|QuickBooks Online|payments|accounting: reads the books and records payments|quickbooks,intuit|
xero|Xero|payments|accounting: reads the books and records payments||
freshbooks|FreshBooks|payments|invoicing and accounting||
netsuite|NetSuite|payments|ERP: financials, orders and payments||
bill-com|BILL|payments|bill payments from bank accounts|billcom|
expensify|Expensify|payments|expense reimbursements||
tipalti|Tipalti|payments|supplier payouts||
gusto|Gusto|payments|payroll: pays employees from the company account||
deel|Deel|payments|global payroll||
justworks|Justworks|payments|payroll and benefits||
yodlee|Envestnet Yodlee|payments|financial account aggregation|yodlee|
finicity|Finicity|payments|financial account aggregation||
teller|Teller|payments|bank account API||P
tink|Tink|payments|open banking API||
truelayer|TrueLayer|payments|open banking payments||
saltedge|Salt Edge|payments|open banking API|saltedge|
belvo|Belvo|payments|Latin American open finance API||
pluggy|Pluggy|payments|Brazilian open finance API||
akahu|Akahu|payments|New Zealand open finance API||
basiq|Basiq|payments|Australian open banking API||
codat|Codat|payments|business financial data API||
rutter|Rutter|payments|commerce and accounting data API||
finch|Finch|payments|payroll and HR data API|tryfinch,finch|P
argyle|Argyle|payments|payroll data API||P
pinwheel|Pinwheel|payments|payroll connectivity API||
# e-commerce and logistics
bigcommerce|BigCommerce|ecommerce|store administration||
woocommerce|WooCommerce|ecommerce|store administration|woocommerce,woo|P
magento|Magento|ecommerce|store administration|magento,adobecommerce|
prestashop|PrestaShop|ecommerce|store administration||
wix|Wix|ecommerce|sites and stores||P
squarespace|Squarespace|ecommerce|sites and stores||
ecwid|Ecwid|ecommerce|store administration||
volusion|Volusion|ecommerce|store administration||
shift4shop|Shift4Shop|ecommerce|store administration|shift4shop,3dcart|
saleor|Saleor|ecommerce|headless commerce API||
medusa|Medusa|ecommerce|headless commerce API|medusa,medusajs|P
commercetools|commercetools|ecommerce|headless commerce API||
swell|Swell|ecommerce|headless commerce API||P
snipcart|Snipcart|ecommerce|cart and checkout||
foxycart|Foxy.io|ecommerce|cart and checkout|foxycart,foxy|P
vtex|VTEX|ecommerce|commerce platform||
printful|Printful|ecommerce|print-on-demand orders||
printify|Printify|ecommerce|print-on-demand orders||
shipstation|ShipStation|ecommerce|shipping labels and orders||
shipbob|ShipBob|ecommerce|fulfilment and orders||
shipengine|ShipEngine|ecommerce|shipping labels API||
aftership|AfterShip|ecommerce|shipment tracking||
easyship|Easyship|ecommerce|shipping labels API||
sendcloud|Sendcloud|ecommerce|shipping labels API||
shiprocket|Shiprocket|ecommerce|Indian shipping API||
fedex|FedEx|ecommerce|shipping API billed to the account||
ups|UPS|ecommerce|shipping API billed to the account||P
usps|USPS|ecommerce|shipping API||
dhl|DHL|ecommerce|shipping API||
veeqo|Veeqo|ecommerce|inventory and shipping||
cin7|Cin7|ecommerce|inventory management||
recharge|Recharge|ecommerce|subscriptions for stores|rechargepayments,recharge|P
yotpo|Yotpo|crm|reviews and loyalty||
okendo|Okendo|crm|reviews and loyalty||
judgeme|Judge.me|crm|product reviews|judgeme|
gorgias|Gorgias|crm|e-commerce helpdesk||
omnisend|Omnisend|email-sms|e-commerce email and SMS||
attentive|Attentive|email-sms|SMS marketing to subscribers||P
postscript|Postscript|email-sms|SMS marketing to subscribers||P
etsy|Etsy|ecommerce|marketplace shop administration||
ebay|eBay|ecommerce|marketplace seller API||
walmart|Walmart Marketplace|ecommerce|marketplace seller API|walmart|
mercadolibre|Mercado Libre|ecommerce|marketplace seller API|mercadolibre,mercadolivre|
faire|Faire|ecommerce|wholesale marketplace||P
searchspring|Searchspring|ecommerce|store search and merchandising||
klevu|Klevu|ecommerce|store search||
constructor-io|Constructor|ecommerce|product search and recommendations|constructorio|
bloomreach|Bloomreach|crm|commerce search and marketing||
nosto|Nosto|crm|commerce personalisation||
typesense|Typesense|database|search engine: reads and replaces every index||
meilisearch|Meilisearch|database|search engine: the master key manages every index|meilisearch,meili|
elastic-cloud|Elastic Cloud|database|hosted Elasticsearch deployments|elasticcloud|
bonsai|Bonsai|database|hosted Elasticsearch and OpenSearch||P
coveo|Coveo|database|enterprise search indexes||
# crm, sales, support, marketing
freshworks|Freshworks|crm|Freshsales CRM and Freshservice|freshworks,freshsales,freshservice|
zoho|Zoho|crm|CRM and business apps||
copper|Copper|crm|CRM||P
close|Close|crm|sales CRM|closeio,closecrm|
insightly|Insightly|crm|CRM||
nutshell|Nutshell|crm|CRM||P
capsule-crm|Capsule CRM|crm|CRM|capsulecrm|
agile-crm|Agile CRM|crm|CRM|agilecrm|
keap|Keap|crm|CRM and marketing automation|keap,infusionsoft|
activecampaign|ActiveCampaign|email-sms|marketing email automation||
sugarcrm|SugarCRM|crm|CRM||
vtiger|Vtiger|crm|CRM||
dynamics-365|Microsoft Dynamics 365|crm|CRM and ERP|dynamics365,dynamicscrm|
apollo-io|Apollo.io|crm|sales intelligence and sequences|apolloio|
apollo-graphos|Apollo GraphOS|infrastructure|GraphQL schema registry and router config|apollo,apollographql|P
outreach|Outreach|crm|sales engagement||P
salesloft|Salesloft|crm|sales engagement||
gong|Gong|crm|call recordings and deal intelligence||P
lemlist|lemlist|email-sms|cold email campaigns||
reply-io|Reply.io|email-sms|sales email sequences|replyio|
hunter-io|Hunter|crm|email finder|hunterio|
clearbit|Clearbit|crm|company and contact enrichment||
zoominfo|ZoomInfo|crm|contact database||
lusha|Lusha|crm|contact database||
peopledatalabs|People Data Labs|crm|person and company data|peopledatalabs,pdl|P
fullcontact|FullContact|crm|identity resolution data||
rocketreach|RocketReach|crm|contact database||
snov-io|Snov.io|crm|email finder and outreach|snovio|
phantombuster|PhantomBuster|crm|scraping and outreach automation||
clay|Clay|crm|data enrichment workflows||P
crunchbase|Crunchbase|other|company data API||
builtwith|BuiltWith|other|technology lookup API||
similarweb|Similarweb|analytics|web traffic data||
semrush|Semrush|analytics|SEO data||
ahrefs|Ahrefs|analytics|SEO data||
moz|Moz|analytics|SEO data||P
dataforseo|DataForSEO|analytics|SEO data API||
yext|Yext|crm|business listings||
birdeye|Birdeye|crm|reviews and messaging||
podium|Podium|crm|customer messaging and payments||P
trustpilot|Trustpilot|crm|reviews||
hotjar|Hotjar|analytics|session recordings and heatmaps||
fullstory|FullStory|analytics|session replay||
logrocket|LogRocket|observability|session replay and errors||
heap|Heap|analytics|product analytics||P
pendo|Pendo|analytics|product analytics and guides||
appcues|Appcues|analytics|in-app onboarding||
userpilot|Userpilot|analytics|in-app onboarding||
walkme|WalkMe|analytics|digital adoption||
drift|Drift|crm|conversational marketing||P
crisp|Crisp|crm|customer messaging||P
tawk-to|tawk.to|crm|live chat|tawkto,tawk|
livechat|LiveChat|crm|live chat||
olark|Olark|crm|live chat||
helpscout|Help Scout|crm|helpdesk||
front|Front|crm|shared inboxes|frontapp,front|P
kustomer|Kustomer|crm|helpdesk CRM||
dixa|Dixa|crm|helpdesk||
helpshift|Helpshift|crm|in-app support||
servicenow|ServiceNow|tracker|IT service management and workflows||
happyfox|HappyFox|crm|helpdesk||
kayako|Kayako|crm|helpdesk||
groove|Groove|crm|helpdesk|groovehq|
liveagent|LiveAgent|crm|helpdesk||
uservoice|UserVoice|crm|feedback management||
canny|Canny|crm|feedback boards||P
productboard|Productboard|tracker|product management||
aha|Aha!|tracker|product roadmaps||P
delighted|Delighted|crm|NPS surveys||P
qualtrics|Qualtrics|crm|surveys and experience data||
surveymonkey|SurveyMonkey|crm|surveys and responses||
jotform|Jotform|other|forms and submissions||
tally|Tally|other|forms and submissions|tally,tallyso|P
formstack|Formstack|other|forms and documents||
wufoo|Wufoo|other|forms and submissions||
formspree|Formspree|other|form submissions||
getform|Getform|other|form submissions||
paperform|Paperform|other|forms and submissions||
fillout|Fillout|other|forms and submissions||
# email and sms
mailjet|Mailjet|email-sms|transactional and marketing email||
sparkpost|SparkPost|email-sms|transactional email||
elastic-email|Elastic Email|email-sms|transactional and marketing email|elasticemail|
mailersend|MailerSend|email-sms|transactional email||
mailerlite|MailerLite|email-sms|email marketing||
mailtrap|Mailtrap|email-sms|email sending and testing||
smtp2go|SMTP2GO|email-sms|transactional email||
sendpulse|SendPulse|email-sms|email and SMS marketing||
moosend|Moosend|email-sms|email marketing||
campaign-monitor|Campaign Monitor|email-sms|email marketing|campaignmonitor,createsend|
constant-contact|Constant Contact|email-sms|email marketing|constantcontact|
getresponse|GetResponse|email-sms|email marketing||
aweber|AWeber|email-sms|email marketing||
convertkit|Kit|email-sms|creator email marketing|convertkit|P
drip|Drip|email-sms|e-commerce email marketing||P
beehiiv|beehiiv|email-sms|newsletters||
buttondown|Buttondown|email-sms|newsletters||
emailoctopus|EmailOctopus|email-sms|email marketing||
customer-io|Customer.io|email-sms|messaging automation to every customer|customerio|P
iterable|Iterable|email-sms|cross-channel marketing||P
braze|Braze|email-sms|cross-channel customer messaging||
leanplum|Leanplum|email-sms|mobile marketing||
airship|Airship|email-sms|push notifications to every app user|airship,urbanairship|P
pushwoosh|Pushwoosh|email-sms|push notifications||
pushover|Pushover|email-sms|push notifications||
pushbullet|Pushbullet|email-sms|push notifications and device mirroring||
gotify|Gotify|email-sms|self-hosted push notifications||
plivo|Plivo|email-sms|SMS and voice API||
sinch|Sinch|email-sms|SMS and voice API||
messagebird|MessageBird|email-sms|SMS and voice API||
bandwidth|Bandwidth|email-sms|SMS and voice API||P
telnyx|Telnyx|email-sms|SMS and voice API||
clicksend|ClickSend|email-sms|SMS API||
textmagic|TextMagic|email-sms|SMS API||
esendex|Esendex|email-sms|SMS API||
infobip|Infobip|email-sms|SMS, voice and chat API||
kaleyra|Kaleyra|email-sms|SMS API||
msg91|MSG91|email-sms|SMS and OTP API||
textlocal|Textlocal|email-sms|SMS API||
africastalking|Africa's Talking|email-sms|SMS and voice API|africastalking|
termii|Termii|email-sms|SMS and OTP API||
bulksms|BulkSMS|email-sms|SMS API||
smsglobal|SMSGlobal|email-sms|SMS API||
eight-by-eight|8x8|email-sms|cloud phone system and SMS|8x8|
ringcentral|RingCentral|email-sms|cloud phone system, SMS and fax||
dialpad|Dialpad|email-sms|cloud phone system||
aircall|Aircall|email-sms|cloud phone system||
talkdesk|Talkdesk|email-sms|contact centre||
five9|Five9|email-sms|contact centre||
genesys|Genesys Cloud|email-sms|contact centre|genesys,genesyscloud,purecloud|
postal|Postal|email-sms|self-hosted mail delivery||P
mailslurp|MailSlurp|email-sms|email and SMS testing inboxes||
mailosaur|Mailosaur|email-sms|email testing inboxes||
zerobounce|ZeroBounce|other|email verification||
neverbounce|NeverBounce|other|email verification||
kickbox|Kickbox|other|email verification||
loops|Loops|email-sms|email for SaaS||P
nylas|Nylas|email-sms|email and calendar API: reads connected mailboxes||
cronofy|Cronofy|other|calendar API||
# messaging and chat
sendbird|Sendbird|messaging|chat and messaging API||
getstream|Stream|messaging|chat and activity feeds API|getstream,streamio|
pubnub|PubNub|messaging|real-time messaging||
ably|Ably|messaging|real-time messaging||
cometchat|CometChat|messaging|chat API||
mattermost|Mattermost|messaging|team chat||
rocketchat|Rocket.Chat|messaging|team chat|rocketchat|
zulip|Zulip|messaging|team chat||
gitter|Gitter|messaging|developer chat||
matrix|Matrix|messaging|federated chat homeserver access tokens|matrix|P
line|LINE Messaging API|messaging|messaging bot channels|line|P
viber|Viber|messaging|messaging bots||
kakao|Kakao|messaging|KakaoTalk messaging and login|kakao,kakaotalk|
wechat|WeChat Official Accounts|messaging|messaging accounts|wechat,weixin|
threema|Threema Gateway|messaging|secure messaging gateway|threema|
chatwork|Chatwork|messaging|team chat||
webex|Webex|messaging|meetings and messaging bots||
google-chat|Google Chat|messaging|chat bots|googlechat|
guilded|Guilded|messaging|community chat bots||
agora|Agora|messaging|real-time voice and video||P
daily-co|Daily|messaging|video call API|dailyco|
hundredms|100ms|messaging|live video API|100ms,hundredms|
whereby|Whereby|messaging|video meetings API||
knock|Knock|messaging|notification infrastructure||P
novu|Novu|messaging|notification infrastructure||
courier|Courier|messaging|notification infrastructure|courier,trycourier|P
magicbell|MagicBell|messaging|notification inbox||
suprsend|SuprSend|messaging|notification infrastructure||
botpress|Botpress|messaging|chatbot platform||
voiceflow|Voiceflow|messaging|conversational agent platform||
manychat|ManyChat|messaging|chat marketing bots||
chatfuel|Chatfuel|messaging|chat marketing bots||
landbot|Landbot|messaging|chatbot builder||
tidio|Tidio|messaging|live chat and bots||
# observability and incidents
sumo-logic|Sumo Logic|observability|log analytics|sumologic|
loggly|Loggly|observability|log management||
papertrail|Papertrail|observability|log management||
mezmo|Mezmo|observability|log management|mezmo,logdna|
logz-io|Logz.io|observability|log and metrics platform|logzio|
coralogix|Coralogix|observability|logs, metrics and traces||
splunk|Splunk|observability|log search and HTTP event collector||
appdynamics|AppDynamics|observability|application performance monitoring||
instana|Instana|observability|application performance monitoring||
lightstep|Lightstep|observability|distributed tracing|lightstep|
chronosphere|Chronosphere|observability|metrics and traces||
lumigo|Lumigo|observability|serverless monitoring||
bugsnag|Bugsnag|observability|error monitoring||
raygun|Raygun|observability|error and performance monitoring||
airbrake|Airbrake|observability|error monitoring||
honeybadger|Honeybadger|observability|error and uptime monitoring||
trackjs|TrackJS|observability|JavaScript error monitoring||
appsignal|AppSignal|observability|application monitoring||
scout-apm|Scout APM|observability|application monitoring|scoutapm,scout|P
skylight|Skylight|observability|Rails performance monitoring||P
tideways|Tideways|observability|PHP performance monitoring||
blackfire|Blackfire|observability|performance profiling||
stackify|Stackify|observability|application monitoring||
atatus|Atatus|observability|application monitoring||
site24x7|Site24x7|observability|infrastructure and uptime monitoring||
pingdom|Pingdom|observability|uptime monitoring||
uptimerobot|UptimeRobot|observability|uptime monitoring||
better-stack|Better Stack|observability|uptime, incidents and logs|betterstack,betteruptime,logtail|
statuspage|Statuspage|observability|status pages: posts incidents to customers||
statuscake|StatusCake|observability|uptime monitoring||
checkly|Checkly|observability|synthetic monitoring||
cronitor|Cronitor|observability|cron and uptime monitoring||
healthchecks-io|Healthchecks.io|observability|cron job monitoring|healthchecksio,healthchecks|P
deadmanssnitch|Dead Man's Snitch|observability|cron job monitoring|deadmanssnitch|
highlight-io|Highlight|observability|session replay, errors and logs|highlightio|
hyperdx|HyperDX|observability|logs, traces and session replay||
signalfx|SignalFx|observability|Splunk Observability metrics|signalfx|
wavefront|Wavefront|observability|metrics and tracing|wavefront,tanzuobservability|
circonus|Circonus|observability|metrics monitoring||
librato|Librato|observability|metrics monitoring||
scalyr|Scalyr|observability|log management|scalyr|P
observe-inc|Observe|observability|observability platform|observeinc|
cribl|Cribl|observability|telemetry pipelines that hold destination credentials||
victorops|Splunk On-Call|observability|incident paging|victorops,splunkoncall|
incident-io|incident.io|observability|incident management|incidentio|
firehydrant|FireHydrant|observability|incident management||
rootly|Rootly|observability|incident management||
squadcast|Squadcast|observability|incident management||
xmatters|xMatters|observability|incident alerting||
zenduty|Zenduty|observability|incident management||
ilert|ilert|observability|incident alerting||
instatus|Instatus|observability|status pages||
sematext|Sematext|observability|logs and monitoring||
netdata|Netdata|observability|infrastructure monitoring||
zabbix|Zabbix|observability|infrastructure monitoring with remote commands||
prtg|PRTG|observability|network monitoring||
solarwinds|SolarWinds|observability|IT monitoring||
logicmonitor|LogicMonitor|observability|infrastructure monitoring||
# analytics, experiments, data
rudderstack|RudderStack|analytics|customer data pipelines to every destination|rudderstack,rudder|P
snowplow|Snowplow|analytics|behavioural data pipelines||
mparticle|mParticle|analytics|customer data platform||
keen-io|Keen|analytics|event analytics API|keenio|
countly|Countly|analytics|product analytics||
matomo|Matomo|analytics|web analytics||
plausible|Plausible|analytics|web analytics||P
fathom|Fathom Analytics|analytics|web analytics|usefathom,fathom|P
simple-analytics|Simple Analytics|analytics|web analytics|simpleanalytics|
umami|Umami|analytics|web analytics||
chartmogul|ChartMogul|analytics|subscription analytics||
baremetrics|Baremetrics|analytics|subscription analytics||
profitwell|ProfitWell|analytics|subscription analytics||
statsig|Statsig|other|feature gates and experiments||
split-io|Split|other|feature flags and experiments|splitio|
optimizely|Optimizely|other|experiments and feature flags||
vwo|VWO|other|A/B testing||P
ab-tasty|AB Tasty|other|A/B testing|abtasty|
growthbook|GrowthBook|other|feature flags and experiments||
unleash|Unleash|other|feature flags||P
flagsmith|Flagsmith|other|feature flags and remote config||
configcat|ConfigCat|other|feature flags||
devcycle|DevCycle|other|feature flags||
flipt|Flipt|other|feature flags||
eppo|Eppo|other|experimentation platform||
branch-io|Branch|analytics|deep links and attribution|branchio|
appsflyer|AppsFlyer|analytics|mobile attribution||
adjust|Adjust|analytics|mobile attribution||P
kochava|Kochava|analytics|mobile attribution||
singular|Singular|analytics|marketing attribution||P
looker|Looker|analytics|BI on the company's databases||
tableau|Tableau|analytics|BI dashboards and data sources||
metabase|Metabase|analytics|BI: queries every connected database||
redash|Redash|analytics|BI: queries every connected database||
mode-analytics|Mode|analytics|BI and notebooks|modeanalytics|
sisense|Sisense|analytics|BI platform||
domo|Domo|analytics|BI platform||P
thoughtspot|ThoughtSpot|analytics|search analytics||
hex-tech|Hex|analytics|data notebooks on the warehouse|hextech|
preset|Preset|analytics|hosted Superset BI||P
lightdash|Lightdash|analytics|BI on dbt models||
cube|Cube|database|semantic layer over the warehouse|cubedev,cubejs,cube|P
census|Census|database|reverse ETL: writes warehouse data into every tool|getcensus,census|P
hightouch|Hightouch|database|reverse ETL: writes warehouse data into every tool||
fivetran|Fivetran|database|data pipelines holding source and warehouse credentials||
airbyte|Airbyte|database|data pipelines holding source and warehouse credentials||
stitch|Stitch|database|data pipelines|stitchdata|
dbt-cloud|dbt Cloud|database|runs transformation jobs with warehouse credentials|dbtcloud,dbt|
firebolt|Firebolt|database|cloud data warehouse||
motherduck|MotherDuck|database|serverless DuckDB warehouse||
starburst|Starburst|database|Trino query engine over every data source||
dremio|Dremio|database|lakehouse query engine||
clickhouse-cloud|ClickHouse Cloud|database|managed ClickHouse|clickhousecloud|
singlestore|SingleStore|database|distributed SQL database|singlestore,memsql|
materialize|Materialize|database|streaming SQL database||P
rockset|Rockset|database|real-time analytics database||
imply|Imply|database|managed Apache Druid||P
tinybird|Tinybird|database|real-time analytics APIs||
estuary|Estuary Flow|database|real-time data pipelines|estuary|P
redpanda|Redpanda Cloud|database|managed Kafka-compatible streaming|redpanda|
cloudamqp|CloudAMQP|database|managed RabbitMQ||
hivemq|HiveMQ Cloud|database|managed MQTT broker|hivemq|
emqx|EMQX Cloud|database|managed MQTT broker|emqx|
momento|Momento|database|serverless cache and topics||P
astra-db|DataStax Astra DB|database|managed Cassandra|astradb,astra,datastax|
couchbase|Couchbase Capella|database|managed Couchbase|couchbase,capella|
ravendb|RavenDB Cloud|database|document database|ravendb|
arangodb|ArangoDB|database|graph and document database|arangodb,arango|
neo4j|Neo4j Aura|database|graph database|neo4j,neo4jaura|
dgraph|Dgraph Cloud|database|graph database|dgraph|
memgraph|Memgraph|database|graph database||
surrealdb|SurrealDB|database|multi-model database|surrealdb,surreal|
edgedb|EdgeDB|database|graph-relational database|edgedb|
baserow|Baserow|database|no-code database||
nocodb|NocoDB|database|no-code database on SQL||
seatable|SeaTable|database|no-code database||
grist|Grist|database|spreadsheet database||
xano|Xano|database|no-code backend database||
backendless|Backendless|database|backend-as-a-service||
kintone|Kintone|database|business app database||
quickbase|Quickbase|database|business app database||
knack|Knack|database|no-code database||P
retool|Retool|database|internal tools connected to production databases||
appsmith|Appsmith|database|internal tools connected to databases||
budibase|Budibase|database|internal tools connected to databases||
tooljet|ToolJet|database|internal tools connected to databases||
glide|Glide|other|no-code apps|glideapps,glide|P
bubble|Bubble|other|no-code web apps and their data||P
softr|Softr|other|no-code apps||
flutterflow|FlutterFlow|other|app builder||
# trackers, docs, productivity
youtrack|YouTrack|tracker|issue tracker||
shortcut|Shortcut|tracker|issue tracker|shortcut,clubhouse|P
height|Height|tracker|project management||P
plane|Plane|tracker|issue tracker||P
taiga|Taiga|tracker|project management||
redmine|Redmine|tracker|issue tracker||
pivotal-tracker|Pivotal Tracker|tracker|issue tracker|pivotaltracker|
wrike|Wrike|tracker|project management||
basecamp|Basecamp|tracker|project management||
teamwork|Teamwork.com|tracker|project management||P
zenhub|ZenHub|tracker|issue boards on GitHub||
targetprocess|Targetprocess|tracker|agile project management||
smartsheet|Smartsheet|tracker|work management sheets||
fibery|Fibery|tracker|work management||
coda|Coda|tracker|docs and tables||P
quip|Quip|tracker|collaborative documents||
slab|Slab|tracker|team wiki||P
guru|Guru|tracker|company wiki|getguru,guru|P
outline|Outline|tracker|team wiki||P
bookstack|BookStack|tracker|documentation wiki||
wikijs|Wiki.js|tracker|documentation wiki|wikijs|
gitbook|GitBook|tracker|documentation||
document360|Document360|tracker|knowledge base||
mintlify|Mintlify|tracker|documentation hosting||
swaggerhub|SwaggerHub|tracker|API design and documentation||
stoplight|Stoplight|tracker|API design and documentation||P
rapidapi|RapidAPI|other|API marketplace billed per request||
miro|Miro|tracker|whiteboards||
mural|Mural|tracker|whiteboards||P
lucidchart|Lucid|tracker|diagrams|lucidchart,lucid|P
whimsical|Whimsical|tracker|diagrams and docs||
loom|Loom|other|recorded videos||P
canva|Canva|other|designs and brand assets||
pandadoc|PandaDoc|other|documents and e-signatures||
docusign|Docusign|other|e-signatures: sends and reads signed agreements||
dropbox-sign|Dropbox Sign|other|e-signatures|hellosign,dropboxsign|
adobe-sign|Adobe Acrobat Sign|other|e-signatures|adobesign,echosign|
signnow|signNow|other|e-signatures||
signwell|SignWell|other|e-signatures||
docuseal|DocuSeal|other|e-signatures||
clockify|Clockify|tracker|time tracking||
toggl|Toggl Track|tracker|time tracking|toggl|
harvest|Harvest|tracker|time tracking and invoices|harvest,harvestapp|P
everhour|Everhour|tracker|time tracking||
rescuetime|RescueTime|tracker|time tracking||
wakatime|WakaTime|tracker|coding time tracking||
acuity|Acuity Scheduling|other|appointment scheduling|acuityscheduling,acuity|
savvycal|SavvyCal|other|scheduling||
chili-piper|Chili Piper|other|meeting scheduling|chilipiper|
doodle|Doodle|other|scheduling polls||P
todoist|Todoist|tracker|task lists||
ticktick|TickTick|tracker|task lists||
evernote|Evernote|tracker|notes||
# maps, location, weather, travel
google-maps|Google Maps Platform|maps|maps, places and routes billed per request|googlemaps,gmaps|
here-maps|HERE|maps|maps, geocoding and routing|heremaps,hereapi|
tomtom|TomTom|maps|maps and routing||
mapquest|MapQuest|maps|maps and geocoding||
locationiq|LocationIQ|maps|geocoding||
opencage|OpenCage|maps|geocoding||
geoapify|Geoapify|maps|maps and geocoding||
positionstack|positionstack|maps|geocoding||
ipinfo|IPinfo|maps|IP geolocation||
ipstack|ipstack|maps|IP geolocation||
ipgeolocation|ipgeolocation.io|maps|IP geolocation|ipgeolocation|
ipapi|ipapi|maps|IP geolocation||
maxmind|MaxMind|maps|GeoIP databases and web services||
ip2location|IP2Location|maps|IP geolocation||
ipdata|ipdata|maps|IP geolocation and threat data||
ipregistry|Ipregistry|maps|IP geolocation||
what3words|what3words|maps|location addressing||
smarty|Smarty|maps|address verification|smartystreets,smarty|P
loqate|Loqate|maps|address verification||
radar|Radar|maps|geofencing and location||P
maptiler|MapTiler|maps|map tiles||
stadia-maps|Stadia Maps|maps|map tiles|stadiamaps,stadia|
thunderforest|Thunderforest|maps|map tiles||
graphhopper|GraphHopper|maps|routing API||
mapillary|Mapillary|maps|street-level imagery||
arcgis|ArcGIS|maps|Esri location services|arcgis,esri|
carto|CARTO|maps|location analytics on the warehouse||P
foursquare|Foursquare|maps|places data||
yelp|Yelp Fusion|maps|business listings API|yelp|
amadeus|Amadeus|other|travel booking API||
duffel|Duffel|payments|flight booking: buys tickets on the account balance||
skyscanner|Skyscanner|other|travel search API||
aviationstack|aviationstack|other|flight data API||
flightaware|FlightAware|other|flight tracking API||
openweathermap|OpenWeather|other|weather API|openweathermap,openweather,owm|
weatherapi|WeatherAPI.com|other|weather API|weatherapi|
tomorrow-io|Tomorrow.io|other|weather API|tomorrowio|
accuweather|AccuWeather|other|weather API||
visualcrossing|Visual Crossing|other|weather API|visualcrossing|
weatherbit|Weatherbit|other|weather API||
meteomatics|Meteomatics|other|weather API||
stormglass|Stormglass|other|marine weather API||
# data and utility apis
openexchangerates|Open Exchange Rates|other|currency rates API|openexchangerates,oxr|
exchangerate-api|ExchangeRate-API|other|currency rates API|exchangerateapi,exchangerate|
fixer|Fixer|other|currency rates API|fixerio,fixer|P
currencylayer|currencylayer|other|currency rates API||
currencyapi|currencyapi|other|currency rates API||
newsapi|NewsAPI|other|news search API||
mediastack|mediastack|other|news API||
gnews|GNews|other|news API||
wolframalpha|Wolfram|other|computational knowledge API|wolframalpha,wolfram|
numverify|numverify|other|phone number validation||
neutrinoapi|Neutrino API|other|validation and lookup APIs|neutrinoapi,neutrino|P
abstractapi|Abstract API|other|validation and lookup APIs|abstractapi|
alphavantage|Alpha Vantage|other|market data API|alphavantage|
finnhub|Finnhub|other|market data API||
twelvedata|Twelve Data|other|market data API|twelvedata|
tiingo|Tiingo|other|market data API||
polygon-io|Polygon.io|other|market data API|polygonio|
iex-cloud|IEX Cloud|other|market data API|iexcloud|
nasdaq-data-link|Nasdaq Data Link|other|financial datasets API|nasdaqdatalink,quandl|
intrinio|Intrinio|other|financial data API||
coinmarketcap|CoinMarketCap|other|crypto market data API|coinmarketcap,cmc|P
coingecko|CoinGecko|other|crypto market data API||
cryptocompare|CryptoCompare|other|crypto market data API||
etherscan|Etherscan|other|blockchain explorer API||
bscscan|BscScan|other|blockchain explorer API||
polygonscan|PolygonScan|other|blockchain explorer API||
alchemy|Alchemy|infrastructure|blockchain node API billed per request||P
infura|Infura|infrastructure|blockchain node API||
moralis|Moralis|infrastructure|blockchain data API||
quicknode|QuickNode|infrastructure|blockchain node API||
chainstack|Chainstack|infrastructure|blockchain node API||
ankr|Ankr|infrastructure|blockchain node API||
blockdaemon|Blockdaemon|infrastructure|blockchain node API||
helius|Helius|infrastructure|Solana node API||
covalent|Covalent|other|blockchain data API|covalent,covalenthq|P
the-graph|The Graph|other|blockchain indexing queries|thegraph|
thirdweb|thirdweb|infrastructure|web3 backend wallets and contracts||
tenderly|Tenderly|infrastructure|smart contract simulation and nodes||
opensea|OpenSea|other|NFT marketplace API||
walletconnect|WalletConnect|other|wallet connection relay|walletconnect,reown|
blockcypher|BlockCypher|other|blockchain API||
cloudconvert|CloudConvert|other|file conversion API billed per minute||
convertapi|ConvertAPI|other|file conversion API||
zamzar|Zamzar|other|file conversion API||
pdfshift|PDFShift|other|HTML to PDF API||
docraptor|DocRaptor|other|HTML to PDF API||
pdfmonkey|PDFMonkey|other|PDF generation API||
pdf-co|PDF.co|other|PDF processing API|pdfco|
urlbox|Urlbox|other|screenshot API||
screenshotone|ScreenshotOne|other|screenshot API||
removebg|remove.bg|other|background removal API|removebg|
photoroom|Photoroom|other|image editing API||
sightengine|Sightengine|other|content moderation API||
imagga|Imagga|other|image recognition API||
bitly|Bitly|other|short links||
rebrandly|Rebrandly|other|short links||
tinyurl|TinyURL|other|short links||
short-io|Short.io|other|short links|shortio|
dub|Dub|other|short links and analytics|dubco,dub|P
recaptcha|reCAPTCHA|other|bot protection: the secret key verifies challenge answers||
hcaptcha|hCaptcha|other|bot protection||
friendly-captcha|Friendly Captcha|other|bot protection|friendlycaptcha|
twocaptcha|2Captcha|other|captcha solving billed per task|2captcha,twocaptcha,rucaptcha|
anticaptcha|Anti-Captcha|other|captcha solving billed per task|anticaptcha|
capsolver|CapSolver|other|captcha solving billed per task||
# security and threat intelligence
virustotal|VirusTotal|other|malware scanning and threat intelligence||
shodan|Shodan|other|internet scan search||
censys|Censys|other|internet scan search||
securitytrails|SecurityTrails|other|DNS and domain intelligence||
haveibeenpwned|Have I Been Pwned|other|breach search API|haveibeenpwned,hibp|
urlscan|urlscan.io|other|URL scanning|urlscan,urlscanio|
abuseipdb|AbuseIPDB|other|IP reputation||
greynoise|GreyNoise|other|internet noise intelligence||
alienvault-otx|AlienVault OTX|other|threat intelligence|alienvault,otx|
binaryedge|BinaryEdge|other|internet scan search||
zoomeye|ZoomEye|other|internet scan search||
fofa|FOFA|other|internet scan search||P
intelx|Intelligence X|other|leak and darknet search|intelx|
spycloud|SpyCloud|other|breach data||
recordedfuture|Recorded Future|other|threat intelligence|recordedfuture|
leakix|LeakIX|other|exposed service search||
netlas|Netlas|other|internet scan search||
criminalip|Criminal IP|other|threat intelligence|criminalip|
hybrid-analysis|Hybrid Analysis|other|malware sandbox|hybridanalysis|
detectify|Detectify|other|external attack surface scanning||
intruder|Intruder|other|vulnerability scanning||P
tenable|Tenable|other|vulnerability management|tenable,nessus|
qualys|Qualys|other|vulnerability management||
rapid7|Rapid7|other|vulnerability management and SIEM|rapid7,insightvm|
burpsuite|Burp Suite Enterprise|other|web vulnerability scanning|burpsuite,burp|P
acunetix|Acunetix|other|web vulnerability scanning||
invicti|Invicti|other|web vulnerability scanning|invicti,netsparker|
hackerone|HackerOne|other|vulnerability reports not yet public||
bugcrowd|Bugcrowd|other|vulnerability reports not yet public||
intigriti|Intigriti|other|vulnerability reports not yet public||
semgrep|Semgrep|other|code scanning findings and policies||
socket-dev|Socket|other|supply chain security|socketdev|
fossa|FOSSA|other|license and dependency scanning||
checkmarx|Checkmarx|other|code scanning||
veracode|Veracode|other|code scanning||
mend|Mend|other|dependency scanning|mend,whitesource|P
wiz|Wiz|cloud|cloud security platform with read access to every connected account||P
lacework|Lacework|cloud|cloud security platform||
orca-security|Orca Security|cloud|cloud security platform|orcasecurity|
aqua-security|Aqua Security|cluster|container and Kubernetes security|aquasec|
sysdig|Sysdig|cluster|container and Kubernetes security||
anchore|Anchore|other|container image scanning||
stackhawk|StackHawk|other|API security testing||
gitguardian|GitGuardian|other|secret detection incidents||
nightfall|Nightfall|other|data loss prevention||
crowdstrike|CrowdStrike Falcon|infrastructure|endpoint security: an API client runs response actions on every enrolled host|crowdstrike,falcon|P
sentinelone|SentinelOne|infrastructure|endpoint security: runs response actions on every host||
sophos|Sophos Central|infrastructure|endpoint security management|sophos|
carbonblack|Carbon Black|infrastructure|endpoint security: live response on hosts|carbonblack|P
cybereason|Cybereason|infrastructure|endpoint security||
tanium|Tanium|infrastructure|endpoint management: runs actions on every endpoint||
kandji|Kandji|infrastructure|Apple device management: pushes scripts to every Mac||
jamf|Jamf|infrastructure|Apple device management: pushes scripts to every Mac|jamf,jamfpro|
mosyle|Mosyle|infrastructure|Apple device management||
addigy|Addigy|infrastructure|Apple device management||
fleetdm|Fleet|infrastructure|device management and osquery|fleetdm|
automox|Automox|infrastructure|patching and scripts on every endpoint||
ninjaone|NinjaOne|infrastructure|RMM: scripts on every managed device|ninjaone,ninjarmm|
datto|Datto RMM|infrastructure|RMM: scripts on every managed device|datto,dattormm|
connectwise|ConnectWise|infrastructure|RMM and PSA for managed devices||
kaseya|Kaseya|infrastructure|RMM for managed devices||
atera|Atera|infrastructure|RMM for managed devices||
syncro|Syncro|infrastructure|RMM for managed devices||P
pulseway|Pulseway|infrastructure|RMM for managed devices||
zscaler|Zscaler|infrastructure|zero-trust network policies||
netskope|Netskope|infrastructure|secure web gateway policies||
twingate|Twingate|infrastructure|zero-trust network access||
zerotier|ZeroTier|infrastructure|virtual networks: joins machines to private networks||
netbird|NetBird|infrastructure|WireGuard mesh networks||
pritunl|Pritunl|infrastructure|VPN server||
palo-alto|Palo Alto Networks|infrastructure|firewall and cloud security|paloalto,panos,panorama|
fortinet|Fortinet|infrastructure|firewall management|fortinet,fortigate,fortimanager|
drata|Drata|other|compliance automation with read access to connected systems||
vanta|Vanta|other|compliance automation with read access to connected systems||
secureframe|Secureframe|other|compliance automation||
proofpoint|Proofpoint|email-sms|email security gateway||
mimecast|Mimecast|email-sms|email security gateway||
knowbe4|KnowBe4|other|security awareness training||
# cms and publishing
strapi|Strapi|other|headless CMS||
directus|Directus|database|data platform over a SQL database||
payload-cms|Payload|other|headless CMS|payloadcms|
ghost|Ghost|other|publishing: the admin key publishes and deletes posts||P
wordpress|WordPress|other|site administration: application passwords publish and change the site|wordpress|
drupal|Drupal|other|site administration||
craft-cms|Craft CMS|other|content management|craftcms|
storyblok|Storyblok|other|headless CMS||
prismic|Prismic|other|headless CMS||
datocms|DatoCMS|other|headless CMS||
hygraph|Hygraph|other|headless CMS|hygraph,graphcms|
kontent-ai|Kontent.ai|other|headless CMS|kontentai,kontent,kentico|
builder-io|Builder.io|other|visual CMS|builderio|
plasmic|Plasmic|other|visual builder||
tinacms|TinaCMS|other|Git-backed CMS|tinacms,tina|P
keystonejs|Keystone|other|headless CMS|keystonejs|
buttercms|ButterCMS|other|headless CMS||
cosmicjs|Cosmic|other|headless CMS|cosmicjs|
contentstack|Contentstack|other|headless CMS||
umbraco|Umbraco|other|content management||
sitecore|Sitecore|other|content management||
medium|Medium|other|publishing||P
dev-to|DEV Community|other|publishing|devto,forem|
hashnode|Hashnode|other|publishing||
discourse|Discourse|other|community forum administration||
disqus|Disqus|other|comments||
bettermode|Bettermode|other|community platform||
khoros|Khoros|crm|community and social care||
mighty-networks|Mighty Networks|other|community platform|mightynetworks|
patreon|Patreon|payments|creator memberships and payouts||
memberful|Memberful|payments|memberships||
memberstack|Memberstack|identity|site memberships and logins||
outseta|Outseta|crm|memberships and CRM||
thinkific|Thinkific|other|online courses||
teachable|Teachable|other|online courses||
kajabi|Kajabi|other|online courses||
podia|Podia|other|online courses||
canvas-lms|Canvas LMS|other|learning management|canvaslms,instructure|
moodle|Moodle|other|learning management||
blackboard|Blackboard|other|learning management||P
# social and ads
reddit|Reddit|other|social API||
pinterest|Pinterest|crm|social and ads API||
tumblr|Tumblr|other|social API||
linkedin|LinkedIn|crm|social and ads API||
tiktok|TikTok for Business|crm|ads and content API|tiktok|
snapchat|Snapchat Marketing API|crm|ads API|snapchat|
google-ads|Google Ads|crm|ad campaigns that spend the account's budget|googleads,adwords|
microsoft-ads|Microsoft Advertising|crm|ad campaigns|microsoftads,bingads|
criteo|Criteo|crm|ad campaigns||
taboola|Taboola|crm|ad campaigns||
outbrain|Outbrain|crm|ad campaigns||
adroll|AdRoll|crm|ad campaigns||
applovin|AppLovin|crm|mobile ads||
ironsource|ironSource|crm|mobile ads||
chartboost|Chartboost|crm|mobile ads||
inmobi|InMobi|crm|mobile ads||
youtube|YouTube Data API|other|video platform API||
unsplash|Unsplash|other|photo API||
pexels|Pexels|other|photo API||
pixabay|Pixabay|other|photo API||
shutterstock|Shutterstock|other|licensed media API billed per download||
gettyimages|Getty Images|other|licensed media API|gettyimages,getty|
giphy|GIPHY|other|GIF API||
tenor|Tenor|other|GIF API||P
flickr|Flickr|other|photo API||
imgur|Imgur|other|image hosting API||
soundcloud|SoundCloud|other|audio API||
lastfm|Last.fm|other|music data API|lastfm|
musixmatch|Musixmatch|other|lyrics API||
tmdb|TMDB|other|movie data API|tmdb,themoviedb|
omdb|OMDb|other|movie data API||
steam|Steam Web API|other|game platform API|steam|P
# hr and recruiting
greenhouse|Greenhouse|crm|recruiting: candidates and offers||P
lever|Lever|crm|recruiting: candidates and offers||P
workable|Workable|crm|recruiting||P
ashby|Ashby|crm|recruiting|ashbyhq,ashby|
bamboohr|BambooHR|crm|HR records of every employee||
personio|Personio|crm|HR records of every employee||
hibob|HiBob|crm|HR records of every employee|hibob|P
factorial|Factorial|crm|HR records|factorialhr|
recruitee|Recruitee|crm|recruiting||
smartrecruiters|SmartRecruiters|crm|recruiting||
jazzhr|JazzHR|crm|recruiting||
teamtailor|Teamtailor|crm|recruiting||
checkr|Checkr|crm|background checks of candidates||
# iot and devices
particle|Particle|infrastructure|IoT device cloud: flashes firmware to every device||P
blynk|Blynk|other|IoT dashboards and device control||
arduino-cloud|Arduino Cloud|other|IoT devices and dashboards|arduinocloud,arduino|
thingspeak|ThingSpeak|other|IoT data channels||
adafruit-io|Adafruit IO|other|IoT data feeds|adafruitio,adafruit|
losant|Losant|other|IoT platform||
ubidots|Ubidots|other|IoT platform||
soracom|SORACOM|other|IoT connectivity||
samsara|Samsara|other|fleet telematics||
tuya|Tuya|other|smart device cloud||
smartthings|SmartThings|other|smart home device control||
home-assistant|Home Assistant|other|smart home control|homeassistant,hass|
# gaming
playfab|PlayFab|other|game backend||
photon-engine|Photon Engine|other|multiplayer networking|photonengine|
epic-games|Epic Online Services|other|game services|epicgames|P
nakama|Nakama|other|game server|nakama,heroiclabs|
braincloud|brainCloud|other|game backend||
xsolla|Xsolla|payments|game payments and stores||
tebex|Tebex|payments|game server stores||
roblox|Roblox Open Cloud|other|game experiences and data stores|roblox|
itch-io|itch.io|other|game distribution|itchio|
unity-services|Unity Gaming Services|other|game backend and ads|unity|P
# localisation
crowdin|Crowdin|other|translation management||
lokalise|Lokalise|other|translation management||
phrase|Phrase|other|translation management|phrase,phraseapp|P
transifex|Transifex|other|translation management||
smartling|Smartling|other|translation management||
poeditor|POEditor|other|translation management||
weblate|Weblate|other|translation management||
tolgee|Tolgee|other|translation management||
localazy|Localazy|other|translation management||
locize|Locize|other|translation management||
# integration, api gateways, automation
kong|Kong Konnect|infrastructure|API gateway configuration|konghq,kong,konnect|P
tyk|Tyk|infrastructure|API gateway configuration||P
apigee|Apigee|infrastructure|API gateway configuration||
zuplo|Zuplo|infrastructure|API gateway||
threescale|3scale|infrastructure|API management|3scale,threescale|
mulesoft|MuleSoft|infrastructure|integration platform holding connected systems' credentials|mulesoft,anypoint|
boomi|Boomi|infrastructure|integration platform||
workato|Workato|other|automation recipes holding connected apps' credentials||
tray-io|Tray.io|other|automation workflows|trayio|
n8n|n8n|other|workflow automation holding connected apps' credentials||
pipedream|Pipedream|other|workflow automation holding connected apps' credentials||
ifttt|IFTTT|other|automation applets||
celigo|Celigo|other|integration platform||
nango|Nango|other|OAuth tokens of connected integrations||
merge-dev|Merge|other|unified API holding customers' integration tokens|mergedev|
hookdeck|Hookdeck|other|webhook gateway||
inlets|inlets|infrastructure|tunnels into private networks||
gitpod|Gitpod|infrastructure|cloud development environments|gitpod|
coder|Coder|infrastructure|self-hosted development environments||P
tabnine|Tabnine|llm|AI code assistant||
codeium|Codeium|llm|AI code assistant|codeium|
amazon-bedrock|Amazon Bedrock|llm|model inference on AWS; a Bedrock API key calls models, not the rest of the account|bedrock|
"""


# The common English letter pairs of the generic model (src/engine/generic.rs).
BIGRAMS = set("th he in er an re on at en nd ti es or te of ed is it al ar st to nt ng se ha as ou io le ve co me de hi ri ro ic ne ea ra ce li ch ll be ma si om ur ca el ta la ns di fo ho pe ec pr no ct us ac ot il tr ly nc et ut ss so rs un lo wa ge ie wh ee wi em ad ol rt po we na ul ni ts mo ow pa im mi ai sh ir su id os iv ia am fi ci vi pl ig wo rd ke ey ck up ue ag ap ev ex ty ry ld lt ov fr mp da ga ff ds ba bo bu do ge gr qu va ab ok".split())


def model_score(value):
    """The generic model's score of a value under a medium key in a file of unknown kind
    (src/engine/generic.rs `score`, for base62 values): examples must clear it."""
    counts = {c: value.count(c) for c in set(value)}
    entropy = -sum(n / len(value) * math.log2(n / len(value)) for n in counts.values())
    classes = [any(c.islower() for c in value), any(c.isupper() for c in value), any(c.isdigit() for c in value)]
    alphabet = sum(size for size, present in zip([26, 26, 10], classes) if present)
    ratio = min(1.0, entropy / min(math.log2(len(value)), math.log2(alphabet)))

    def kind(c):
        return 0 if c.islower() else 1 if c.isupper() else 2

    pairs = list(zip(value, value[1:]))
    switches = sum(1 for a, b in pairs if kind(a) != kind(b) and not (a.isupper() and b.islower())) / len(pairs)
    letters = [(a, b) for a, b in pairs if a.isalpha() and b.isalpha() and not (a.islower() and b.isupper())]
    wordy = sum(1 for a, b in letters if (a + b).lower() in BIGRAMS) / len(letters) if letters else 0.0
    length = min(1.0, (len(value) - 8) / 12)
    return -2.0 + 3.0 * ratio + (sum(classes) - 1) / 3 + 1.5 * switches - 3.5 * wordy + length + 0.5


def random_value(length):
    while True:
        value = "".join(RNG.choice(BASE62) for _ in range(length))
        lower = value.lower()
        classes = [any(c.isupper() for c in value), any(c.islower() for c in value), any(c.isdigit() for c in value)]
        if all(classes) and not any(b in lower for b in BANNED) and model_score(value) >= 2.5:
            return value


def squash(text):
    return re.sub(r"[^a-z0-9]", "", text.lower())


def camel(word):
    return word[:1].lower() + word[1:]


def example(index, name):
    """One example line, its shape chosen by the entry's position (every shape recurs)."""
    value = random_value(RNG.randint(20, 40))
    upper = name.upper()
    shapes = [
        f"{upper}_API_KEY={value}",
        f"{name}.token: {value}",
        f'"{camel(name)}Secret": "{value}",',
        f'export {upper}_ACCESS_TOKEN="{value}"',
        f'{name}_api_key = "{value}"',
        f"{upper}_SECRET_KEY: '{value}'",
        f"{name}-cli login --{name}-token {value}",
        f'const {camel(name)}ApiKey = "{value}";',
    ]
    return shapes[index % len(shapes)]


def existing_providers():
    providers = set()
    for path in glob.glob(os.path.join(ROOT, "detectors", "*.toml")):
        with open(path) as f:
            match = re.search(r'^provider = "([^"]+)"', f.read(), re.M)
        if match:
            providers.add(match.group(1))
    return providers


def entries():
    rows = []
    for line in TABLE.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        ident, name, cls, what, names, flags = line.split("|")
        names = [n for n in names.split(",") if n] or [squash(name)]
        rows.append((ident, name, cls, what, names, flags == "P"))
    return rows


def check(rows):
    providers = existing_providers()
    squashed = {p.replace("-", "") for p in providers}
    ids, names = set(), {}
    for ident, name, cls, what, forms, _ in rows:
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", ident), ident
        assert ident not in providers, f"{ident} has a detector file"
        assert ident not in ids, f"{ident} twice"
        assert cls in CLASS_EFFECT, f"{ident}: class {cls}"
        ids.add(ident)
        for form in forms:
            assert re.fullmatch(r"[a-z0-9]+", form), f"{ident}: name {form}"
            assert form not in squashed, f"{ident}: name {form} is a detector provider's"
            assert form not in names, f"{ident}: name {form} is {names.get(form)}'s too"
            names[form] = ident


def reason(what, cls):
    """The description, then what a credential of the class does (unless it says so)."""
    return what if ":" in what else f"{what}: {CLASS_EFFECT[cls]}"


def toml_string(text):
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def main():
    rows = entries()
    check(rows)
    out = [
        "# The provider vocabulary: long-tail providers known by name only, generated by",
        "# scripts/gen-vocabulary.py (edit the table there). A generic detector's finding whose",
        "# key name names one of these providers (`SENDBIRD_API_TOKEN`, `sendbird.token`,",
        "# `\"sendbirdSecret\"`, `--sendbird-token`) is attributed to it and ranked under its",
        "# class; nothing here adds a keyword or changes what is found. `names` are key-name",
        "# forms (lowercase words written together); a `prefix_only` name counts only as the",
        "# first word of the key or of a key path segment. Example values are random and fake.",
        "",
    ]
    for index, (ident, name, cls, what, forms, prefix_only) in enumerate(rows):
        out += [
            "[[provider]]",
            f"id = {toml_string(ident)}",
            f"name = {toml_string(name)}",
            "names = [" + ", ".join(toml_string(f) for f in forms) + "]",
            f"class = {toml_string(cls)}",
            f"reason = {toml_string(reason(what, cls))}",
            f"prefix_only = {'true' if prefix_only else 'false'}",
            f"examples = [{toml_string(example(index, forms[0]))}]",
            "",
        ]
    with open(os.path.join(ROOT, "detectors", "vocabulary.toml"), "w") as f:
        f.write("\n".join(out))
    print(f"{len(rows)} vocabulary providers")


if __name__ == "__main__":
    main()
