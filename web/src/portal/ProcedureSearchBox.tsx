/**
 * "Tìm thủ tục hành chính": a search field that suggests procedure names as you type
 * (GET /api/public/procedures/suggest, debounced). The suggestions are a labelled list of links
 * right after the field: ↓ moves into the list, ↑/↓ move between suggestions, Esc goes back to the
 * field, Enter on a suggestion opens that procedure and Enter in the field searches. The number of
 * suggestions is announced politely. Small on purpose: it ships with the portal home.
 */
import { Box, Button, Group, Paper, Text, TextInput, UnstyledButton, VisuallyHidden } from '@mantine/core'
import { useDebouncedValue } from '@mantine/hooks'
import { IconSearch } from '@tabler/icons-react'
import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router-dom'
import { publicProceduresApi, type Suggestion } from '../api/procedures.ts'

/** Address of a procedure's page on the portal. */
export const procedurePath = (id: string) => `/thu-tuc/${encodeURIComponent(id)}`

/** Fewer characters than this ask for no suggestions. */
const MIN_SUGGEST_LENGTH = 2

interface ProcedureSearchBoxProps {
  value: string
  onChange: (value: string) => void
  /** Enter in the field or the search button. */
  onSearch: (value: string) => void
  size?: 'md' | 'lg'
}

export function ProcedureSearchBox({ value, onChange, onSearch, size = 'md' }: ProcedureSearchBoxProps) {
  const { t } = useTranslation()
  const ids = useId()
  const listId = `${ids}-suggestions`
  const listLabelId = `${ids}-suggestions-label`
  const containerRef = useRef<HTMLDivElement>(null)
  const inputRef = useRef<HTMLInputElement>(null)
  const listRef = useRef<HTMLUListElement>(null)

  const [suggestions, setSuggestions] = useState<Suggestion[]>([])
  const [suggestedFor, setSuggestedFor] = useState('')
  const [open, setOpen] = useState(false)
  const [debounced] = useDebouncedValue(value.trim(), 200)

  useEffect(() => {
    if (debounced.length < MIN_SUGGEST_LENGTH) {
      setSuggestions([])
      setSuggestedFor('')
      return
    }
    const controller = new AbortController()
    publicProceduresApi.suggest(debounced, controller.signal).then(
      (items) => {
        if (controller.signal.aborted) return
        setSuggestions(items)
        setSuggestedFor(debounced)
      },
      () => {
        // Suggestions are a convenience: a failure leaves the search itself working.
        if (!controller.signal.aborted) setSuggestions([])
      },
    )
    return () => controller.abort()
  }, [debounced])

  const current = value.trim().length >= MIN_SUGGEST_LENGTH
  const shown = open && current && suggestions.length > 0

  const links = () => Array.from(listRef.current?.querySelectorAll<HTMLAnchorElement>('a') ?? [])
  const focusLink = (index: number) => {
    const all = links()
    if (all.length === 0) return
    all[(index + all.length) % all.length]?.focus()
  }

  const onInputKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' && current && suggestions.length > 0) {
      event.preventDefault()
      setOpen(true)
      // The list renders on this same turn when it was closed; focus once it is there.
      window.setTimeout(() => focusLink(0), 0)
    } else if (event.key === 'Escape' && shown) {
      event.preventDefault()
      setOpen(false)
    }
  }

  const onListKeyDown = (event: KeyboardEvent<HTMLUListElement>) => {
    const all = links()
    const index = all.findIndex((link) => link === document.activeElement)
    if (event.key === 'ArrowDown') {
      event.preventDefault()
      focusLink(index + 1)
    } else if (event.key === 'ArrowUp') {
      event.preventDefault()
      if (index <= 0) inputRef.current?.focus()
      else focusLink(index - 1)
    } else if (event.key === 'Home') {
      event.preventDefault()
      focusLink(0)
    } else if (event.key === 'End') {
      event.preventDefault()
      focusLink(all.length - 1)
    } else if (event.key === 'Escape') {
      event.preventDefault()
      setOpen(false)
      inputRef.current?.focus()
    }
  }

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    setOpen(false)
    onSearch(value.trim())
  }

  return (
    <form role="search" aria-label={t('catalogue.search.formLabel')} onSubmit={onSubmit}>
      <Group
        align="flex-end"
        gap="sm"
        ref={containerRef}
        onBlur={(event) => {
          // Close when focus leaves the field and its suggestions (not when it moves between them).
          if (!containerRef.current?.contains(event.relatedTarget as Node | null)) setOpen(false)
        }}
      >
        <Box pos="relative" style={{ flex: '1 1 260px' }}>
          <TextInput
            ref={inputRef}
            label={t('catalogue.search.label')}
            description={t('catalogue.search.hint')}
            placeholder={t('catalogue.search.placeholder')}
            type="search"
            size={size}
            maxLength={200}
            autoComplete="off"
            spellCheck={false}
            enterKeyHint="search"
            leftSection={<IconSearch size={18} aria-hidden />}
            value={value}
            aria-controls={shown ? listId : undefined}
            onChange={(event) => {
              onChange(event.currentTarget.value)
              setOpen(true)
            }}
            onFocus={() => setOpen(true)}
            onKeyDown={onInputKeyDown}
          />
          {shown && (
            <Paper withBorder shadow="md" pos="absolute" top="calc(100% + 4px)" left={0} right={0} style={{ zIndex: 30 }} py={4}
              // Keep focus in the field while pressing a suggestion (Safari does not focus links on click).
              onMouseDown={(event) => event.preventDefault()}
            >
              <Text id={listLabelId} size="xs" fw={700} c="dimmed" px="sm" py={4}>
                {t('catalogue.search.suggestions')}
              </Text>
              <ul id={listId} ref={listRef} aria-labelledby={listLabelId} onKeyDown={onListKeyDown} style={{ listStyle: 'none', margin: 0, padding: 0 }}>
                {suggestions.map((suggestion) => (
                  <li key={suggestion.id}>
                    <UnstyledButton
                      component={Link}
                      to={procedurePath(suggestion.id)}
                      onClick={() => setOpen(false)}
                      display="block"
                      px="sm"
                      py={6}
                      className="procedure-suggestion"
                    >
                      <Text size="sm" span lang="vi">
                        {suggestion.name}
                      </Text>
                      {suggestion.nationalCode && (
                        <Text size="xs" c="dimmed" span ml="xs" ff="monospace">
                          {suggestion.nationalCode}
                        </Text>
                      )}
                    </UnstyledButton>
                  </li>
                ))}
              </ul>
            </Paper>
          )}
        </Box>
        <Button type="submit" size={size} leftSection={<IconSearch size={18} aria-hidden />}>
          {t('catalogue.search.submit')}
        </Button>
      </Group>
      <VisuallyHidden role="status" aria-live="polite">
        {open && current && suggestedFor === debounced && debounced.length >= MIN_SUGGEST_LENGTH ? t('catalogue.search.suggestionCount', { count: suggestions.length }) : ''}
      </VisuallyHidden>
    </form>
  )
}
