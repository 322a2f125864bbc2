/**
 * After client-side navigation, moves focus to the main content so keyboard and screen-reader
 * users start at the new page instead of the link they pressed. The first render is left alone.
 */
import { useEffect, useRef } from 'react'
import { useLocation } from 'react-router-dom'
import { MAIN_CONTENT_ID } from './SkipLink.tsx'

export function useRouteFocus(): void {
  const { pathname } = useLocation()
  const first = useRef(true)
  useEffect(() => {
    if (first.current) {
      first.current = false
      return
    }
    document.getElementById(MAIN_CONTENT_ID)?.focus({ preventScroll: false })
  }, [pathname])
}
