{{- define "logto.fullname" -}}
{{- if contains .Chart.Name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}

{{- define "logto.namespace" -}}
{{- default .Release.Namespace .Values.installation.namespace }}
{{- end }}

{{- define "logto.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
app.kubernetes.io/part-of: logto
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{/* Logto's pod selector: the earlier chart's `app: logto` (release logto), so helm upgrade can replace it in place. */}}
{{- define "logto.selectorLabels" -}}
app: {{ include "logto.fullname" . }}
{{- end }}

{{- define "logto.postgresSelectorLabels" -}}
app: {{ include "logto.fullname" . }}-postgres
{{- end }}

{{/* True when Logto uses a database outside this chart. */}}
{{- define "logto.externalDatabase" -}}
{{- if or .Values.externalDatabase.url .Values.externalDatabase.existingSecret }}true{{ end }}
{{- end }}

{{- define "logto.postgresSecret" -}}
{{- default (printf "%s-postgres" (include "logto.fullname" .)) .Values.postgresql.existingSecret }}
{{- end }}

{{/*
The PostgreSQL password: the one already stored in the cluster (lookup), or a new random one. Never a constant.
helm template has no cluster, so each render there generates a fresh password.
*/}}
{{- define "logto.postgresPassword" -}}
{{- $existing := lookup "v1" "Secret" (include "logto.namespace" .) (include "logto.postgresSecret" .) }}
{{- if and $existing $existing.data (hasKey $existing.data "password") }}
{{- index $existing.data "password" | b64dec }}
{{- else }}
{{- randAlphaNum 32 }}
{{- end }}
{{- end }}
